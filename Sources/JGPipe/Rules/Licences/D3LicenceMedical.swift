/// D3 (SPEC §7; measure 七 体检; 《机动车驾驶证申领和使用规定》: holders of the large classes, and drivers
/// aged 70 or more, submit a medical certificate (身体条件证明) every year within 30 days after the
/// scoring cycle ends): a licence holding one of `medicalClasses`, or whose holder is at least
/// `medicalAge` full years old on C, is judged as D2 with last_medical_on →
/// LICENCE_MEDICAL_DUE / LICENCE_MEDICAL_OVERDUE.
func applyD3(classes: LicenceClasses, medicalClasses: LicenceClasses, holder: IdentityNumber,
                             medicalAge: Int, cycleEnd: CalendarDate?, lastMedicalOn: CalendarDate?,
                             asOf: CalendarDate) -> LicenceNoticeDecision? {
    guard let cycleEnd else { return nil }
    let byClass = !classes.isDisjoint(with: medicalClasses)
    let byAge = holder.birthDate.map { $0.fullYears(until: cycleEnd) >= medicalAge } ?? false
    guard byClass || byAge,
          let duty = LicenceDuty.afterCycle(cycleEnd, lastDone: lastMedicalOn, asOf: asOf) else { return nil }
    switch duty {
    case let .due(on): return LicenceNoticeDecision(type: .licenceMedicalDue, dueOn: on)
    case let .overdue(since): return LicenceNoticeDecision(type: .licenceMedicalOverdue, dueOn: since)
    }
}

extension IdentityNumber {
    /// SPEC §7: a type-A number carries its holder's birth date in positions 7–14 (GB 11643, checked
    /// real when the number was read); other documents carry none.
    public var birthDate: CalendarDate? {
        guard type == "A" else { return nil }
        let digits = Array(number.utf8)
        guard digits.count == 18 else { return nil }
        func value(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + ASCII.digitValue($1) } }
        return CalendarDate(year: value(6..<10), month: value(10..<12), day: value(12..<14))
    }
}

extension RuleWording {
    static let D3 = RuleWording(label: "驾驶人体检（身体条件证明）", section: "七.二")
}

extension NoticeWording {
    /// 七 体检 (D3): the yearly medical certificate within 30 days after the scoring cycle ends.
    static let licenceMedicalDue = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证记分周期于{cycle_end}结束，请于{due_on}前提交医疗机构出具的身体条件证明，可通过“交管12123”APP网上提交。",
        placeholders: licencePlaceholders)

    static let licenceMedicalOverdue = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证记分周期已于{cycle_end}结束，提交身体条件证明的期限{due_on}已过，请尽快提交，可通过“交管12123”APP网上提交。",
        placeholders: licencePlaceholders)
}
