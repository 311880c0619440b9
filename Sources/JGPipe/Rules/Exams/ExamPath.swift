/// SPEC §2 `path`.
public enum ExamPath: String, Sendable, CaseIterable {
    /// Out of scope: this stage says nothing about the exams.
    case unchanged = "UNCHANGED"
    /// Short overdue: subject 1 alone, the existing rule.
    case subject1Only = "SUBJECT1_ONLY"
    /// Long overdue, one of E1–E4: subject 1 and subject 3 road.
    case optimized = "OPTIMIZED"
    /// Long overdue, all four subjects.
    case full = "FULL"
}

/// SPEC §2 `case`.
public enum ExamCase: String, Sendable, CaseIterable {
    case e1 = "E1", e2 = "E2", e3 = "E3", e4 = "E4"
}

/// Why a long-overdue enrollment takes all four subjects (counted in the summary).
public enum FullPathReason: String, Sendable, CaseIterable {
    /// An official exclusion applies (`exclusion` non-empty).
    case exclusion
    /// 五、一: 申请恢复大中型客货车或者摩托车准驾车型驾驶资格的，按照现行规定参加全科目考试.
    case requestsLargeOrMotorcycle = "requests_large_or_motorcycle"
    /// None of E1–E4 matches (an upgrade such as C2 → C1, adding a class not held, …).
    case noCase = "no_case"
}

/// The path of one enrollment, with the subjects it implies.
public struct ExamPathDecision: Sendable, Equatable {
    public var path: ExamPath
    public var examCase: ExamCase?
    public var fullReason: FullPathReason?
    public var required: ExamSubjects
    /// Subjects the measure removes from this path (none outside OPTIMIZED).
    public var waived: ExamSubjects
    public var autoRestore: LicenceClasses

    static let optimizedRequired: ExamSubjects = [.s1, .s3Road]
    static let optimizedWaived: ExamSubjects = [.s2, .s3Safety]

    static func optimized(_ examCase: ExamCase) -> ExamPathDecision {
        ExamPathDecision(path: .optimized, examCase: examCase, fullReason: nil, required: optimizedRequired,
                         waived: optimizedWaived, autoRestore: examCase == .e4 ? e4AutoRestoreClasses : [])
    }

    static func full(_ reason: FullPathReason) -> ExamPathDecision {
        ExamPathDecision(path: .full, examCase: nil, fullReason: reason, required: .all, waived: [], autoRestore: [])
    }
}

/// SPEC §2 "Path" (五、一): out of scope → UNCHANGED; short overdue → SUBJECT1_ONLY; long overdue
/// → the first that matches of FULL (exclusion, or a requested large/medium or motorcycle class),
/// E4, E3, E2, E1, else FULL. OPTIMIZED requires S1 and S3_ROAD and waives S2 and S3_SAFETY.
public func examPath(scope: ExamScope, original: LicenceClasses, requested: LicenceClasses, hasExclusion: Bool,
                     sets: ExamClassSets) -> ExamPathDecision {
    switch scope {
    case .outOfScope:
        return ExamPathDecision(path: .unchanged, examCase: nil, fullReason: nil, required: [], waived: [], autoRestore: [])
    case .shortOverdue:
        return ExamPathDecision(path: .subject1Only, examCase: nil, fullReason: nil, required: .s1, waived: [], autoRestore: [])
    case .longOverdue:
        break
    }
    if hasExclusion { return .full(.exclusion) }
    if !requested.isDisjoint(with: sets.large.union(sets.motorcycle)) { return .full(.requestsLargeOrMotorcycle) }
    if applyE4(original: original, requested: requested, sets: sets) { return .optimized(.e4) }
    if applyE3(original: original, requested: requested, sets: sets) { return .optimized(.e3) }
    if applyE2(original: original, requested: requested, sets: sets) { return .optimized(.e2) }
    if applyE1(original: original, requested: requested, sets: sets) { return .optimized(.e1) }
    return .full(.noCase)
}
