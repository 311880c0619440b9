/// The classes a licence loses at an age, and what the new licence holds (第六十五条).
public struct AgeClassChange: Equatable, Sendable {
    /// 60 or 70: the threshold whose birthday triggered the change.
    public var age: Int
    /// The birthday at `age`: the notice's fact, so it is sent once per threshold.
    public var birthday: CalendarDate
    public var lapsing: LicenceClasses
    /// The classes the licence keeps (those the age still allows).
    public var kept: LicenceClasses
    /// Classes the new licence gains in exchange: F for D or E (at 70), C6 kept by an A2 holder
    /// (at 60).
    public var gained: LicenceClasses
    /// An A or B class (at 60), or C6 (at 70), is exchanged for C1 or C2, the holder's choice;
    /// false when the licence keeps C1 or C2 already.
    public var smallCarChoice: Bool

    /// The `{new_classes}` placeholder: "C1或C2", "C1或C2、C6", "F".
    public var newClassesText: String {
        var parts: [String] = smallCarChoice ? ["C1或C2"] : []
        parts += kept.union(gained).codes
        return parts.joined(separator: "、")
    }

    /// Nothing left to exchange for: 第七十九条第一款第十项 (the cancellation work list).
    public var leavesNoClass: Bool { !smallCarChoice && kept.union(gained).isEmpty }
}

/// `[licences]` classes that lapse at 60 and 70 (第六十五条第一款、第二款).
public struct LapsingClasses: Equatable, Sendable {
    public var at60: LicenceClasses
    public var at70: LicenceClasses

    /// 60: 大型客车、重型牵引挂车、城市公交车、中型客车、大型货车、轮式专用机械车、无轨电车、有轨电车;
    /// 70: 低速载货汽车、三轮汽车、轻型牵引挂车、普通三轮摩托车、普通二轮摩托车.
    public static let law = LapsingClasses(at60: [.a1, .a2, .a3, .b1, .b2, .m, .n, .p], at70: [.c3, .c4, .c6, .d, .e])
}

/// D5 (SPEC §7; 《机动车驾驶证申领和使用规定》第六十五条): a holder aged 60 or more on A loses the
/// classes of `at60`, aged 70 or more also those of `at70`. An A or B class is exchanged for C1 or
/// C2 (an A2 holder may keep C6 until 70), D or E for F, C6 (at 70) for C1 or C2; M N P C3 C4 have
/// no replacement. nil when no class lapses or the age is unknown. The office notifies the holder
/// to exchange within 30 days (第三款); `leavesNoClass` is a cancellation instead (第七十九条第一款第十项).
func applyD5(classes: LicenceClasses, birthDate: CalendarDate?, asOf: CalendarDate,
             lapsing: LapsingClasses) -> AgeClassChange? {
    guard let born = birthDate, let age = holderAge(born: born, on: asOf), age >= 60 else { return nil }
    let lapsingAt60 = classes.intersection(lapsing.at60)
    let lapsingAt70 = age >= 70 ? classes.intersection(lapsing.at70) : []
    let lost = lapsingAt60.union(lapsingAt70)
    guard !lost.isEmpty else { return nil }
    let threshold = lapsingAt70.isEmpty ? 60 : 70
    let kept = classes.subtracting(lost)
    let largeClasses: LicenceClasses = [.a1, .a2, .a3, .b1, .b2]
    var gained: LicenceClasses = []
    if age < 70, lost.contains(.a2) { gained.insert(.c6) }
    if !lost.isDisjoint(with: [.d, .e]) { gained.insert(.f) }
    let needsSmallCar = !lost.isDisjoint(with: largeClasses) || lapsingAt70.contains(.c6)
    let smallCarChoice = needsSmallCar && kept.isDisjoint(with: [.c1, .c2])
    return AgeClassChange(age: threshold, birthday: born.adding(years: threshold), lapsing: lost, kept: kept,
                          gained: gained.subtracting(kept), smallCarChoice: smallCarChoice)
}

extension RuleWording {
    static let D5 = RuleWording(label: "年龄不符准驾车型换证", section: "七.二")
}

extension NoticeWording {
    /// 第六十五条第三款: the office notifies the holder to exchange the licence within 30 days.
    static let licenceAgeClassChange = NoticeWording(
        "【交管12123】{holder_name}：您{reason}，依照《机动车驾驶证申领和使用规定》第六十五条，不得再驾驶准驾车型为{lapsing_classes}的机动车。请于{due_on}前携身份证明和医疗机构出具的身体条件证明，到车辆管理所换领准驾车型为{new_classes}的机动车驾驶证；逾期未办理的，将公告{lapsing_classes}准驾车型驾驶资格作废。",
        placeholders: licencePlaceholders)
}
