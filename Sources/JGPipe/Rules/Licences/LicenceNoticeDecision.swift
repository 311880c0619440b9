/// A licence notice decided by a rule: its type and due_on.
public struct LicenceNoticeDecision: Equatable, Sendable {
    public var type: NoticeType
    public var dueOn: CalendarDate
}
