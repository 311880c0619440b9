/// SPEC §2 "Scope".
public enum ExamScope: String, Sendable, CaseIterable {
    case outOfScope = "OUT_OF_SCOPE"
    case shortOverdue = "SHORT_OVERDUE"
    case longOverdue = "LONG_OVERDUE"
}

/// 五、一: the optimised exams apply to licences cancelled because they were not renewed within
/// three years of expiry (逾期三年未换证). A licence cancelled for another reason is out of scope;
/// an overdue-renewal licence re-applied for by the third anniversary of its expiry (that day
/// included) is restored by subject 1 alone under the existing rule. 29 February + 3 years is
/// 28 February (SPEC §0 "Dates").
public func examScope(_ reason: CancelReason, enrolledOn: CalendarDate) -> ExamScope {
    guard case .overdueRenewal(let expiry) = reason else { return .outOfScope }
    return enrolledOn <= expiry.adding(years: 3) ? .shortOverdue : .longOverdue
}
