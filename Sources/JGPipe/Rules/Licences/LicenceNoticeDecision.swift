/// A licence notice decided by a rule: its type, due_on and, for D2, D3 and D5, why it is owed
/// (the message says so, SPEC §7).
public struct LicenceNoticeDecision: Equatable, Sendable {
    public var type: NoticeType
    public var dueOn: CalendarDate
    public var reason: LicenceNoticeReason?

    public init(type: NoticeType, dueOn: CalendarDate, reason: LicenceNoticeReason? = nil) {
        self.type = type
        self.dueOn = dueOn
        self.reason = reason
    }
}

/// Why a review (D2), a medical certificate (D3) or a class change (D5) is owed.
public enum LicenceNoticeReason: Equatable, Sendable {
    /// D2 (a), 第七十二条第三款: a large class with points in the cycle.
    case points(Int)
    /// D2 (b), 第七十二条第四、五款: the source system flagged an accident in the cycle.
    case accident
    /// D3, 第七十四条第一款: the holder's age on C (at least `medical_age`).
    case age(Int)
    /// D3, 第七十四条第二款: a C5 licence at a multiple of `c5_medical_cycles` cycles.
    case c5Cycle(Int)
    /// D3: a class an operator listed in `[licences] medical_classes`.
    case medicalClass
    /// D5, 第六十五条: the birthday (60th or 70th) on which the classes lapsed.
    case ageClassChange(AgeClassChange)

    /// The `{reason}` placeholder: a clause that fits "您的机动车驾驶证…" (D2) or "您…" (D3).
    func text(cycleEnd: CalendarDate?) -> String {
        let cycle = cycleEnd.map { "截至\($0.iso)的记分周期" } ?? "本记分周期"
        switch self {
        case let .points(points): return "在\(cycle)内记分\(points)分"
        case .accident: return "在\(cycle)内发生交通事故，经认定须接受审验"
        case let .age(age): return "已年满\(age)周岁，应当每年进行一次身体检查"
        case let .c5Cycle(cycles): return "持有残疾人专用小型自动挡载客汽车（C5）准驾车型，已满\(cycles)个记分周期，应当每三年进行一次身体检查"
        case .medicalClass: return "所持准驾车型须定期提交身体条件证明"
        case let .ageClassChange(change): return "已年满\(change.age)周岁"
        }
    }
}

extension NoticeWording {
    /// What the licence stage fills in a licence notice (D1–D5).
    static let licencePlaceholders = [
        "holder_name", "classes", "valid_until", "cycle_end", "due_on", "renewal_notice_days", "cutover_date",
        "subjects", "reason", "points", "age", "lapsing_classes", "new_classes",
    ]
}
