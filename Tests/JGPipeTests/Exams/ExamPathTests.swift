import Testing
@testable import JGPipe

/// SPEC §2 "Path" (五、一): precedence FULL (exclusion, L or M requested), E4, E3, E2, E1, else FULL.
@Suite struct ExamPathTests {
    struct Row: Sendable, CustomStringConvertible {
        let original: String, requested: String, exclusion: Bool
        let path: ExamPath, examCase: ExamCase?, fullReason: FullPathReason?
        var description: String { "\(original)→\(requested)\(exclusion ? " excluded" : "")" }
    }

    static let rows: [Row] = [
        // The four cases.
        Row(original: "C1", requested: "C1", exclusion: false, path: .optimized, examCase: .e1, fullReason: nil),
        Row(original: "B2", requested: "C1", exclusion: false, path: .optimized, examCase: .e2, fullReason: nil),
        Row(original: "C1C6", requested: "C2", exclusion: false, path: .optimized, examCase: .e3, fullReason: nil),
        Row(original: "C1C6", requested: "C1C6", exclusion: false, path: .optimized, examCase: .e4, fullReason: nil),
        // Precedence: C1C6 → C1 is both E3 and E1; B2C6 → C1 is E3 and E2; A1C1 → C1 is E2 and E1.
        Row(original: "C1C6", requested: "C1", exclusion: false, path: .optimized, examCase: .e3, fullReason: nil),
        Row(original: "B2C6", requested: "C1", exclusion: false, path: .optimized, examCase: .e3, fullReason: nil),
        Row(original: "A1C1", requested: "C1", exclusion: false, path: .optimized, examCase: .e2, fullReason: nil),
        // FULL: each reason.
        Row(original: "C1", requested: "C1", exclusion: true, path: .full, examCase: nil, fullReason: .exclusion),
        Row(original: "C1C6", requested: "C1C6", exclusion: true, path: .full, examCase: nil, fullReason: .exclusion),
        Row(original: "A1", requested: "A1", exclusion: false, path: .full, examCase: nil, fullReason: .requestsLargeOrMotorcycle),
        Row(original: "B2", requested: "B2", exclusion: false, path: .full, examCase: nil, fullReason: .requestsLargeOrMotorcycle),
        Row(original: "C1D", requested: "C1D", exclusion: false, path: .full, examCase: nil, fullReason: .requestsLargeOrMotorcycle),
        Row(original: "C1E", requested: "E", exclusion: false, path: .full, examCase: nil, fullReason: .requestsLargeOrMotorcycle),
        Row(original: "C1F", requested: "C1F", exclusion: false, path: .full, examCase: nil, fullReason: .requestsLargeOrMotorcycle),
        Row(original: "C2", requested: "C1", exclusion: false, path: .full, examCase: nil, fullReason: .noCase),
        Row(original: "C1", requested: "C1C6", exclusion: false, path: .full, examCase: nil, fullReason: .noCase),
        Row(original: "B2", requested: "C2", exclusion: false, path: .full, examCase: nil, fullReason: .noCase),
        Row(original: "C1C5", requested: "C5", exclusion: false, path: .full, examCase: nil, fullReason: .noCase),
    ]

    @Test(arguments: rows)
    func longOverdue(row: Row) throws {
        let d = examPath(scope: .longOverdue, original: try classes(row.original), requested: try classes(row.requested),
                         hasExclusion: row.exclusion, sets: defaultSets)
        #expect(d.path == row.path)
        #expect(d.examCase == row.examCase)
        #expect(d.fullReason == row.fullReason)
        switch row.path {
        case .optimized:
            #expect(d.required.list == "S1;S3_ROAD")
            #expect(d.waived.list == "S2;S3_SAFETY")
        default:
            #expect(d.required.list == "S1;S2;S3_ROAD;S3_SAFETY")
            #expect(d.waived.list == "")
            #expect(d.autoRestore.isEmpty)
        }
        #expect(d.autoRestore == (row.examCase == .e4 ? .c6 : []))
    }

    @Test func outOfScopeIsUnchanged() {
        let d = examPath(scope: .outOfScope, original: .c1, requested: .c1, hasExclusion: false, sets: defaultSets)
        #expect(d.path == .unchanged)
        #expect(d.examCase == nil)
        #expect(d.required.isEmpty && d.waived.isEmpty)
    }

    @Test func shortOverdueIsSubjectOneOnly() {
        // Even a class the measure would send to FULL: short overdue keeps the existing rule.
        let d = examPath(scope: .shortOverdue, original: .b2, requested: .b2, hasExclusion: true, sets: defaultSets)
        #expect(d.path == .subject1Only)
        #expect(d.required.list == "S1")
        #expect(d.waived.list == "")
    }

    @Test func configuredSets() throws {
        // With D taken out of the motorcycle set, C1D → C1D no longer forces FULL for a requested
        // motorcycle class, but D is not a small-car class either: no case matches.
        let sets = ExamClassSets(motorcycle: [.e, .f])
        let d = examPath(scope: .longOverdue, original: try classes("C1D"), requested: try classes("C1D"), hasExclusion: false, sets: sets)
        #expect(d.fullReason == .noCase)
        let c1Only = ExamClassSets(smallCar: .c1)
        #expect(examPath(scope: .longOverdue, original: .c2, requested: .c2, hasExclusion: false, sets: c1Only).fullReason == .noCase)
        #expect(examPath(scope: .longOverdue, original: [.c2, .c6], requested: [.c2, .c6], hasExclusion: false, sets: c1Only).fullReason == .noCase)
    }
}

/// Remaining subjects and restored classes (SPEC §2 Outputs).
@Suite struct ExamOutcomeTests {
    @Test func e4RestoresC6OnceSubjectOneAndRoadPassed() throws {
        let done = examOutcome(try enrollment(original: "C1C6", requested: "C1C6", subjects: "p-p-"), sets: defaultSets, cutover: cutover)
        #expect(done.decision.examCase == .e4)
        #expect(done.remaining.list == "")
        #expect(done.restored.description == "C1C6")
        let halfway = examOutcome(try enrollment(original: "C1C6", requested: "C1C6", subjects: "p---"), sets: defaultSets, cutover: cutover)
        #expect(halfway.remaining.list == "S3_ROAD")
        #expect(halfway.restored.isEmpty)
    }

    @Test func fullNeedsEverySubject() throws {
        let o = examOutcome(try enrollment(original: "C2", requested: "C1", subjects: "pppf"),
                            sets: defaultSets, cutover: cutover)
        #expect(o.decision.path == .full)
        #expect(o.remaining.list == "S3_SAFETY")
        #expect(o.restored.isEmpty)
        let all = examOutcome(try enrollment(original: "C2", requested: "C1", subjects: "pppp"), sets: defaultSets, cutover: cutover)
        #expect(all.restored.description == "C1")
    }

    @Test func shortOverdueRestoredBySubjectOne() throws {
        let o = examOutcome(try enrollment(expiry: "2022-01-10", enrolledOn: "2024-05-10", subjects: "p---"),
                            sets: defaultSets, cutover: cutover)
        #expect(o.scope == .shortOverdue)
        #expect(o.remaining.list == "")
        #expect(o.restored.description == "C1")
        #expect(o.transition == nil)
    }

    @Test func outOfScopeRestoresNothing() throws {
        let o = examOutcome(try enrollment(reason: "revoked", subjects: "pppp"), sets: defaultSets, cutover: cutover)
        #expect(o.decision.path == .unchanged)
        #expect(o.remaining.list == "")
        #expect(o.restored.isEmpty)
    }

    @Test func optimizedPassedAndFailedRemaining() throws {
        // E1 enrolled before the cutover, S1 failed: S1 and S3_ROAD remain.
        let o = examOutcome(try enrollment(subjects: "ff--"), sets: defaultSets, cutover: cutover)
        #expect(o.decision.examCase == .e1)
        #expect(o.remaining.list == "S1;S3_ROAD")
        #expect(o.transition?.rule == .t1)
    }
}
