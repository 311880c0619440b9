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
