/// What D1 says of an open licence.
public enum LicenceRenewal: Equatable, Sendable {
    case notice(LicenceNoticeDecision)
    /// A row of `driver_licences.cancellation_worklist.csv`: more than one year past valid_until.
    case cancel(dueOn: CalendarDate, daysOverdue: Int)
}

/// D1 (SPEC §7; measure 七 换证; 《机动车驾驶证申领和使用规定》: a licence is renewed within 90 days before
/// it expires, and cancelled when it is more than one year past its expiry without renewal):
/// - valid_until in [A, A + noticeDays] → LICENCE_RENEWAL_DUE, due on valid_until;
/// - valid_until < A ≤ valid_until + 1 year → LICENCE_RENEWAL_OVERDUE, due on valid_until + 1 year
///   (the last day before cancellation);
/// - A > valid_until + 1 year → the cancellation work list, cancel_due_on = valid_until + 1 year +
///   1 day, days_overdue = A − cancel_due_on.
func applyD1(validUntil: CalendarDate, asOf: CalendarDate, noticeDays: Int) -> LicenceRenewal? {
    if validUntil >= asOf {
        guard validUntil <= asOf.adding(days: noticeDays) else { return nil }
        return .notice(LicenceNoticeDecision(type: .licenceRenewalDue, dueOn: validUntil))
    }
    let lastDay = validUntil.adding(years: 1)
    if asOf <= lastDay { return .notice(LicenceNoticeDecision(type: .licenceRenewalOverdue, dueOn: lastDay)) }
    let cancelDueOn = lastDay.adding(days: 1)
    return .cancel(dueOn: cancelDueOn, daysOverdue: Int(asOf.dayNumber - cancelDueOn.dayNumber))
}

extension RuleWording {
    static let D1 = RuleWording(label: "驾驶证换证与逾期注销", section: "七.二")
}

extension NoticeWording {
    /// 七 换证 (D1): the licence expires within the renewal window.
    static let licenceRenewalDue = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证有效期至{valid_until}，可在有效期满前{renewal_notice_days}日内申请换证，请通过“交管12123”APP“待办业务”网上办理。",
        placeholders: licencePlaceholders)

    /// 七 换证 (D1): expired; cancelled when more than one year past the expiry.
    static let licenceRenewalOverdue = NoticeWording(
        "【交管12123】{holder_name}：您的机动车驾驶证有效期已于{valid_until}届满，不得驾驶机动车。请于{due_on}前申请换证，超过有效期一年以上未换证的，驾驶证将被注销。请通过“交管12123”APP“待办业务”办理。",
        placeholders: licencePlaceholders)
}
