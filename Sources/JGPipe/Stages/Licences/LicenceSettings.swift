/// The `[licences]` section of the pipeline file (SPEC §7, 《机动车驾驶证申领和使用规定》).
public struct LicenceSettings: Equatable, Sendable {
    /// Status letters that close a licence (E 撤销, F 吊销, G 注销): D1–D3 and D5 skip it.
    public var closedStatuses: ClosedStatusLetters
    /// D1: a licence is renewed within 90 days before it expires; told this many days ahead.
    public var renewalNoticeDays: Int
    /// D2 (a): the classes reviewed after a cycle with points (大中型客货车, 第七十二条第三款).
    public var reviewClasses: LicenceClasses
    /// D3: classes an operator adds to the certificate duty (none by law: 第七十四条第三款).
    public var medicalClasses: LicenceClasses
    /// D3: holders at least this old on C submit one every year (70周岁以上, 第七十四条第一款).
    public var medicalAge: Int
    /// D3: a C5 licence submits one every this many cycles (每三年, 第七十四条第二款).
    public var c5MedicalCycles: Int
    /// D5: the classes that lapse at 60 and at 70 (第六十五条).
    public var lapsing: LapsingClasses

    public static let defaults = LicenceSettings(closedStatuses: ClosedStatusLetters(["E", "F", "G"])!, renewalNoticeDays: 90,
                                                 reviewClasses: [.a1, .a2, .a3, .b1, .b2], medicalClasses: [],
                                                 medicalAge: 70, c5MedicalCycles: 3, lapsing: .law)

    public init(closedStatuses: ClosedStatusLetters, renewalNoticeDays: Int, reviewClasses: LicenceClasses,
                medicalClasses: LicenceClasses, medicalAge: Int, c5MedicalCycles: Int, lapsing: LapsingClasses) {
        self.closedStatuses = closedStatuses
        self.renewalNoticeDays = renewalNoticeDays
        self.reviewClasses = reviewClasses
        self.medicalClasses = medicalClasses
        self.medicalAge = medicalAge
        self.c5MedicalCycles = c5MedicalCycles
        self.lapsing = lapsing
    }

    public init(_ table: SettingsTable) throws {
        let defaults = LicenceSettings.defaults
        closedStatuses = try table.closedStatuses(default: defaults.closedStatuses)
        renewalNoticeDays = try table.int("renewal_notice_days", default: defaults.renewalNoticeDays, range: 0...3660)
        reviewClasses = try table.classes("review_classes", default: defaults.reviewClasses)
        medicalClasses = try table.classes("medical_classes", default: defaults.medicalClasses)
        medicalAge = try table.int("medical_age", default: defaults.medicalAge, range: 1...150)
        c5MedicalCycles = try table.int("c5_medical_cycles", default: defaults.c5MedicalCycles, range: 1...100)
        lapsing = LapsingClasses(at60: try table.classes("classes_lapsing_at_60", default: defaults.lapsing.at60),
                                 at70: try table.classes("classes_lapsing_at_70", default: defaults.lapsing.at70))
    }
}
