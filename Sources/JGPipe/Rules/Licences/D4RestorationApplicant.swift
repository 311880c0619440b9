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

extension NoticeWording {
    /// 五.三 (D4): a licence cancelled for overdue renewal more than three years ago.
    static let restorationExamsReduced = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证因超过有效期一年以上未换证被注销。根据公安交管便民利企改革新措施，自{cutover_date}起，申请恢复小型汽车准驾车型驾驶资格只需参加{subjects}考试，详情请登录“交管12123”查询。",
        placeholders: licencePlaceholders)

    /// 五.三 (D4): within three years of the expiry, subject 1 alone restores the licence.
    static let restorationSubject1Only = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证因超过有效期一年以上未换证被注销。{due_on}前申请恢复驾驶资格的，只需参加{subjects}考试，请及时通过“交管12123”APP报名。",
        placeholders: licencePlaceholders)
}
