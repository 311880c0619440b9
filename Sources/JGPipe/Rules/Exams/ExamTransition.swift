/// SPEC §2 `transition_rule`.
public enum TransitionRule: String, Sendable, CaseIterable {
    case t1 = "T1", t2 = "T2"
}

public struct ExamTransition: Sendable, Equatable {
    public var rule: TransitionRule
    /// The subjects the enrollment no longer needs because of the rule (named in the notice).
    public var noLongerNeeded: ExamSubjects
}

/// SPEC §2 "Transition" (五、二): only OPTIMIZED enrollments made before the cutover (enrolled_on
/// < cutover) are changed; T1 is tried before T2. An enrollment that has passed both subject 2
/// and subject 3 safety has nothing left to waive: no rule.
///
/// The statuses are those of the input: on a run before the cutover they are the statuses the
/// cutover will meet; on a run after it they may include later results (see docs/rules/exams.md).
public func examTransition(path: ExamPath, enrolledOn: CalendarDate, cutover: CalendarDate,
                           subjects: SubjectStatuses) -> ExamTransition? {
    guard path == .optimized, enrolledOn < cutover else { return nil }
    if applyT1(subjects) { return ExamTransition(rule: .t1, noLongerNeeded: t1NoLongerNeeded) }
    if applyT2(subjects) { return ExamTransition(rule: .t2, noLongerNeeded: t2NoLongerNeeded) }
    return nil
}
