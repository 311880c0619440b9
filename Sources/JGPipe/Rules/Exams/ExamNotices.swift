/// The exam notice types of SPEC §4.
public enum ExamNoticeType: String, Sendable, CaseIterable {
    case s2BookingNotNeeded = "S2_BOOKING_NOT_NEEDED"
    case subjectsWaived = "EXAM_SUBJECTS_WAIVED"
}

public struct ExamNoticeDecision: Sendable, Equatable {
    public var type: ExamNoticeType
    public var dueOn: CalendarDate
    /// The subjects the message says are no longer needed.
    public var subjects: ExamSubjects
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
        return ExamNoticeDecision(type: .subjectsWaived, dueOn: cutover, subjects: transition.noLongerNeeded)
    }
    return nil
}
