/// D2 (SPEC §7; measure 七 审验; 《机动车驾驶证申领和使用规定》: holders of 大型客车、重型牵引挂车、城市公交车、
/// 中型客车、大型货车 licences are reviewed within 30 days after each scoring cycle ends): a licence
/// holding one of `reviewClasses`, with C defined and last_reviewed_on empty or before C, is due
/// on C + 30 days — LICENCE_REVIEW_DUE while A ≤ that day, LICENCE_REVIEW_OVERDUE after.
func applyD2(classes: LicenceClasses, reviewClasses: LicenceClasses, cycleEnd: CalendarDate?,
                            lastReviewedOn: CalendarDate?, asOf: CalendarDate) -> LicenceNoticeDecision? {
    guard !classes.isDisjoint(with: reviewClasses),
          let duty = LicenceDuty.afterCycle(cycleEnd, lastDone: lastReviewedOn, asOf: asOf) else { return nil }
    switch duty {
    case let .due(on): return LicenceNoticeDecision(type: .licenceReviewDue, dueOn: on)
    case let .overdue(since): return LicenceNoticeDecision(type: .licenceReviewOverdue, dueOn: since)
    }
}

extension RuleWording {
    static let D2 = RuleWording(label: "驾驶证审验", section: "七.二")
}

extension NoticeWording {
    /// 七 审验 (D2): review within 30 days after the scoring cycle ends.
    static let licenceReviewDue = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证（准驾车型{classes}）记分周期于{cycle_end}结束，请于{due_on}前接受审验。请打开“交管12123”APP“待办业务”查看办理流程。",
        placeholders: licencePlaceholders)

    static let licenceReviewOverdue = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证（准驾车型{classes}）记分周期已于{cycle_end}结束，审验期限{due_on}已过，请尽快到公安机关交通管理部门接受审验。",
        placeholders: licencePlaceholders)
}
