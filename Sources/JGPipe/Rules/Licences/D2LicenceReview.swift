/// What D2 says of an open licence with a cycle end C.
public enum LicenceReview: Equatable, Sendable {
    case notice(LicenceNoticeDecision)
    /// A review class whose export does not say the points of the cycle ending on C: nothing is
    /// sent, the licence is counted as `review_unknown`.
    case unknown
}

/// D2 (SPEC §7; measure 七 审验; 《机动车驾驶证申领和使用规定》第七十二条), unless last_reviewed_on ≥ C:
/// - (a) 第三款: a licence holding one of `reviewClasses` (大型客车、重型牵引挂车、城市公交车、中型客车、
///   大型货车) is reviewed within 30 days after a cycle **with points**: points_cycle_end = C and
///   points > 0. points = 0 in that cycle is exempt (没有记分记录的，免予本记分周期审验); any other export
///   (empty, or another cycle's points) cannot tell → `.unknown`;
/// - (b) 第四、五款: whatever its classes, review_flag = Y (a fatal accident with equal or greater
///   responsibility, or a holder of 70 or more with an at-fault accident causing serious injury or
///   death — judged by the source system, not by jgpipe).
/// Due on C + 30 days: LICENCE_REVIEW_DUE while A ≤ that day, LICENCE_REVIEW_OVERDUE after. Points
/// are named before the accident when both apply.
func applyD2(classes: LicenceClasses, reviewClasses: LicenceClasses, cycleEnd: CalendarDate, points: Int?,
             pointsCycleEnd: CalendarDate?, reviewFlag: Bool, lastReviewedOn: CalendarDate?,
             asOf: CalendarDate) -> LicenceReview? {
    if let lastReviewedOn, lastReviewedOn >= cycleEnd { return nil }
    var reason: LicenceNoticeReason?
    var unknown = false
    if !classes.isDisjoint(with: reviewClasses) {
        if pointsCycleEnd == cycleEnd, let points {
            if points > 0 { reason = .points(points) }
        } else {
            unknown = true
        }
    }
    if reason == nil, reviewFlag { reason = .accident }
    guard let reason else { return unknown ? .unknown : nil }
    return LicenceDuty.afterCycle(cycleEnd, lastDone: lastReviewedOn, asOf: asOf).map {
        .notice($0.decision(due: .licenceReviewDue, overdue: .licenceReviewOverdue, reason: reason))
    }
}

extension RuleWording {
    static let D2 = RuleWording(label: "驾驶证审验", section: "七.二")
}

extension NoticeWording {
    /// 七 审验 (D2): review within 30 days after the scoring cycle ends (第七十二条), with at least
    /// three hours of study (第七十三条).
    static let licenceReviewDue = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证（准驾车型{classes}）{reason}，依照《机动车驾驶证申领和使用规定》第七十二条，请于{due_on}前接受审验。审验时应当参加不少于三小时的道路交通安全法律法规、交通安全文明驾驶、应急处置等知识学习（第七十三条），办理流程请见“交管12123”APP“待办业务”。",
        placeholders: licencePlaceholders)

    static let licenceReviewOverdue = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证（准驾车型{classes}）{reason}，审验期限{due_on}已过，逾期不参加审验的不得驾驶机动车。请尽快到公安机关交通管理部门接受审验，审验时应当参加不少于三小时的知识学习（《机动车驾驶证申领和使用规定》第七十二条、第七十三条）。",
        placeholders: licencePlaceholders)
}
