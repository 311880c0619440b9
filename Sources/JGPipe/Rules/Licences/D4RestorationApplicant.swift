/// D4 (SPEC §7; measure 五.三 "对拟报名参加考试的申请人…做好提示告知"): a licence cancelled for overdue
/// renewal (status G, cancel_reason overdue_renewal) that holds a class of S ∪ L ∪ {C6} (SPEC §2
/// class sets) is told how it can be restored:
/// - A > valid_until + 3 years → RESTORATION_EXAMS_REDUCED: from the cutover only 科目一 and 科目三道路
///   驾驶技能 restore the small-car class; due on the cutover;
/// - otherwise → RESTORATION_SUBJECT1_ONLY: 科目一 alone restores it until valid_until + 3 years, the
///   due date (SPEC §2 SHORT_OVERDUE).
/// A motorcycle-only licence holds none of these classes and is not told (its exams are unchanged).
func applyD4(cancelledForOverdueRenewal: Bool, classes: LicenceClasses, sets: ExamClassSets,
                                   validUntil: CalendarDate, asOf: CalendarDate,
                                   cutover: CalendarDate) -> LicenceNoticeDecision? {
    guard cancelledForOverdueRenewal,
          !classes.isDisjoint(with: sets.smallCar.union(sets.large).union(.c6)) else { return nil }
    let shortOverdueEnds = validUntil.adding(years: 3)
    return asOf > shortOverdueEnds
        ? LicenceNoticeDecision(type: .restorationExamsReduced, dueOn: cutover)
        : LicenceNoticeDecision(type: .restorationSubject1Only, dueOn: shortOverdueEnds)
}

extension RuleWording {
    static let D4 = RuleWording(label: "拟申请恢复驾驶资格提示", section: "五.三")
}
