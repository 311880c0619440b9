/// A licence notice decided by a rule: its type and due_on.
public struct LicenceNoticeDecision: Equatable, Sendable {
    public var type: NoticeType
    public var dueOn: CalendarDate
}

extension NoticeWording {
    /// What the licence stage fills in a licence notice (D1–D4).
    static let licencePlaceholders = [
        "holder_name", "classes", "valid_until", "cycle_end", "due_on", "renewal_notice_days", "cutover_date",
        "subjects",
    ]
}
