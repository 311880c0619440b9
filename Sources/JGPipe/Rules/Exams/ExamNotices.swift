public struct ExamNoticeDecision: Sendable, Equatable {
    public var type: NoticeType
    public var dueOn: CalendarDate
    /// The subjects the message says are no longer needed.
    public var subjects: ExamSubjects

    /// The exam notice types of SPEC §4, in summary order.
    public static let types: [NoticeType] = [.s2BookingNotNeeded, .examSubjectsWaived]

    /// The notice's fact (SPEC §4): the booking date of S2_BOOKING_NOT_NEEDED (empty when
    /// subject 2 is only marked booked), the waived subjects of EXAM_SUBJECTS_WAIVED.
    public func fact(subject2BookedOn: CalendarDate?) -> String {
        type == .s2BookingNotNeeded ? subject2BookedOn?.iso ?? "" : subjects.list
    }

    /// The template: a booking before the cutover still stands on its date under the old rule
    /// and is worded so (五、三 提示新措施实施时间).
    public func templateKey(subject2BookedOn: CalendarDate?, cutover: CalendarDate) -> String {
        if type == .s2BookingNotNeeded, let booked = subject2BookedOn, booked < cutover {
            return "S2_BOOKING_NOT_NEEDED_BEFORE_CUTOVER"
        }
        return type.templateKey
    }
}

/// SPEC §4 (五、三 做好提示告知): at most one notice per enrollment.
/// - S2_BOOKING_NOT_NEEDED: an OPTIMIZED enrollment whose subject 2 is booked, or has a booking
///   date while subject 2 is not passed; due on the booking date, else the cutover.
/// - EXAM_SUBJECTS_WAIVED: otherwise, an enrollment T1 or T2 changed; due on the cutover.
public func examNotice(path: ExamPath, transition: ExamTransition?, subjects: SubjectStatuses,
                       subject2BookedOn: CalendarDate?, cutover: CalendarDate) -> ExamNoticeDecision? {
    if path == .optimized && (subjects.s2 == .booked || (subject2BookedOn != nil && subjects.s2 != .passed)) {
        return ExamNoticeDecision(type: .s2BookingNotNeeded, dueOn: subject2BookedOn ?? cutover,
                                  subjects: transition?.noLongerNeeded ?? ExamPathDecision.optimizedWaived)
    }
    if let transition {
        return ExamNoticeDecision(type: .examSubjectsWaived, dueOn: cutover, subjects: transition.noLongerNeeded)
    }
    return nil
}
