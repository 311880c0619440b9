/// The `exam_enrollments` summary section, counted on integers as slices pass.
struct ExamTally {
    private static func zeros<T: RawRepresentable & CaseIterable>(_: T.Type) -> [String: Int] where T.RawValue == String {
        Dictionary(uniqueKeysWithValues: T.allCases.map { ($0.rawValue, 0) })
    }

    private var enrollments = 0
    private var scopes = zeros(ExamScope.self), paths = zeros(ExamPath.self), cases = zeros(ExamCase.self)
    private var fullReasons = zeros(FullPathReason.self), transitions = zeros(TransitionRule.self)
    private var noticeTypes = Dictionary(uniqueKeysWithValues: ExamNoticeDecision.types.map { ($0.rawValue, 0) })
    private var autoRestore = 0, restored = 0
    private var byDetachment = DetachmentCounts()

    mutating func add(_ outcomes: [ExamOutcome], _ detachment: [String], _ notices: NoticeBatch) {
        enrollments += outcomes.count
        for (i, o) in outcomes.enumerated() {
            var keys = ["enrollments", o.scope.rawValue, o.decision.path.rawValue]
            scopes[o.scope.rawValue, default: 0] += 1
            paths[o.decision.path.rawValue, default: 0] += 1
            if let c = o.decision.examCase { cases[c.rawValue, default: 0] += 1; keys.append(c.rawValue) }
            if let r = o.decision.fullReason { fullReasons[r.rawValue, default: 0] += 1 }
            if let t = o.transition { transitions[t.rule.rawValue, default: 0] += 1; keys.append(t.rule.rawValue) }
            if !o.decision.autoRestore.isEmpty { autoRestore += 1 }
            if !o.restored.isEmpty { restored += 1; keys.append("restored") }
            for key in keys { byDetachment.add(key, in: detachment[i]) }
        }
        for notice in notices.kinds {
            noticeTypes[notice.type.rawValue, default: 0] += 1
            byDetachment.add(notice.type.rawValue, in: notice.detachmentCode)
        }
    }

    var json: JSONValue {
        .object([
            ("enrollments", .int(enrollments)),
            ("by_scope", .counts(scopes)),
            ("by_path", .counts(paths)),
            ("by_case", .counts(cases)),
            ("full_path_reasons", .counts(fullReasons)),
            ("by_transition_rule", .counts(transitions)),
            ("auto_restore_C6", .int(autoRestore)),
            ("restored", .int(restored)),
            ("notices", .counts(noticeTypes)),
            ("by_detachment", byDetachment.json),
        ])
    }
}
