/// D3 (SPEC §7; measure 七 体检; 《机动车驾驶证申领和使用规定》第七十四条): within 30 days after the
/// cycle ending on C, a medical certificate (身体条件证明) from
/// - a holder at least `medicalAge` (70) full years old on C, every cycle (第一款);
/// - a C5 licence (残疾人专用小型自动挡载客汽车) when C is a multiple of `c5Cycles` (3) cycles after
///   first_issued_on (第二款);
/// - a licence holding one of `medicalClasses` (empty by default: A and B classes declare their
///   health at the review, 第七十四条第三款, so D2 covers them; an operator may list classes).
/// Judged as D2 with last_medical_on → LICENCE_MEDICAL_DUE / LICENCE_MEDICAL_OVERDUE. An unknown
/// age (`ageOnCycleEnd` nil) triggers nothing; the stage counts it.
func applyD3(classes: LicenceClasses, medicalClasses: LicenceClasses, ageOnCycleEnd: Int?, medicalAge: Int,
             cycleNumber: Int, c5Cycles: Int, cycleEnd: CalendarDate, lastMedicalOn: CalendarDate?,
             asOf: CalendarDate) -> LicenceNoticeDecision? {
    let reason: LicenceNoticeReason
    if let age = ageOnCycleEnd, age >= medicalAge {
        reason = .age(age)
    } else if isC5MedicalCycle(classes, cycleNumber: cycleNumber, c5Cycles: c5Cycles) {
        reason = .c5Cycle(cycleNumber)
    } else if !classes.isDisjoint(with: medicalClasses) {
        reason = .medicalClass
    } else {
        return nil
    }
    return LicenceDuty.afterCycle(cycleEnd, lastDone: lastMedicalOn, asOf: asOf)?
        .decision(due: .licenceMedicalDue, overdue: .licenceMedicalOverdue, reason: reason)
}

/// 第七十四条第二款: a C5 licence owes a certificate after every `c5Cycles`-th cycle.
func isC5MedicalCycle(_ classes: LicenceClasses, cycleNumber: Int, c5Cycles: Int) -> Bool {
    classes.contains(.c5) && cycleNumber >= 1 && cycleNumber % c5Cycles == 0
}

extension RuleWording {
    static let D3 = RuleWording(label: "驾驶人体检（身体条件证明）", section: "七.二")
}

extension NoticeWording {
    /// 七 体检 (D3): the certificate within 30 days after the scoring cycle ends (第七十四条).
    static let licenceMedicalDue = NoticeWording(
        "【交管12123】{holder_name}：您{reason}（《机动车驾驶证申领和使用规定》第七十四条）。您的记分周期于{cycle_end}结束，请于{due_on}前提交医疗机构出具的身体条件证明，可通过“交管12123”APP网上提交。",
        placeholders: licencePlaceholders)

    static let licenceMedicalOverdue = NoticeWording(
        "【交管12123】{holder_name}：您{reason}（《机动车驾驶证申领和使用规定》第七十四条）。您的记分周期已于{cycle_end}结束，提交身体条件证明的期限{due_on}已过，请尽快提交；记分周期结束后一年内未提交的，驾驶证将被注销（第七十九条）。可通过“交管12123”APP网上提交。",
        placeholders: licencePlaceholders)
}
