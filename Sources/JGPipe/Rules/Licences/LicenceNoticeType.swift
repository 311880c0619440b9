/// The driver-licence notice types of SPEC §7 (rules D1–D4), in summary order.
public enum LicenceNoticeType: String, CaseIterable, Sendable {
    case renewalDue = "LICENCE_RENEWAL_DUE"
    case renewalOverdue = "LICENCE_RENEWAL_OVERDUE"
    case reviewDue = "LICENCE_REVIEW_DUE"
    case reviewOverdue = "LICENCE_REVIEW_OVERDUE"
    case medicalDue = "LICENCE_MEDICAL_DUE"
    case medicalOverdue = "LICENCE_MEDICAL_OVERDUE"
    case restorationExamsReduced = "RESTORATION_EXAMS_REDUCED"
    case restorationSubject1Only = "RESTORATION_SUBJECT1_ONLY"
}

/// A licence notice decided by a rule: its type and due_on.
public struct LicenceNoticeDecision: Equatable, Sendable {
    public var type: LicenceNoticeType
    public var dueOn: CalendarDate
}
