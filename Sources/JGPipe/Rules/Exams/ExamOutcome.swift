/// Everything the rules decide for one enrollment.
public struct ExamOutcome: Sendable, Equatable {
    public var scope: ExamScope
    public var decision: ExamPathDecision
    public var transition: ExamTransition?
    /// Required minus passed.
    public var remaining: ExamSubjects
    /// R plus the auto-restored classes once nothing remains; empty before, and out of scope.
    public var restored: LicenceClasses
}

/// Scope → path → transition → remaining subjects and restored classes, on the effective date
/// E ≥ cutover: pre-cutover OPTIMIZED enrollments are shown under the new rule, with the
/// transition rule that moved them there. Pure: E enters only through `cutover`.
public func examOutcome(_ enrollment: ExamEnrollment, sets: ExamClassSets, cutover: CalendarDate) -> ExamOutcome {
    let scope = examScope(enrollment.cancelReason, enrolledOn: enrollment.enrolledOn)
    let decision = examPath(scope: scope, original: enrollment.original, requested: enrollment.requested,
                            hasExclusion: enrollment.hasExclusion, sets: sets)
    let transition = examTransition(path: decision.path, enrolledOn: enrollment.enrolledOn, cutover: cutover,
                                    subjects: enrollment.subjects)
    let remaining = decision.required.subtracting(enrollment.subjects.passed)
    let restored = decision.path != .unchanged && remaining.isEmpty
        ? enrollment.requested.union(decision.autoRestore) : []
    return ExamOutcome(scope: scope, decision: decision, transition: transition, remaining: remaining, restored: restored)
}
