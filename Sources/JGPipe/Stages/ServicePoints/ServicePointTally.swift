/// The `service_points` summary section and `service_points.by_detachment.csv`, per detachment.
struct ServicePointTally {
    struct Counts {
        var points = 0, open = 0, complete = 0, verified = 0, gaps = 0, verificationOverdue = 0, coverageGaps = 0,
            feedbackOverdue = 0
        var gapsByField: [String: Int] = [:]
    }

    private(set) var byDetachment: [String: Counts] = [:]

    mutating func add(_ point: ServicePoint, verified: Bool, detachment: String) {
        var c = byDetachment[detachment, default: Counts()]
        c.points += 1
        if point.isOpen {
            c.open += 1
            if point.isComplete { c.complete += 1 }
            if verified { c.verified += 1 }
        }
        c.gaps += point.gaps.count
        for gap in point.gaps { c.gapsByField[gap.field, default: 0] += 1 }
        byDetachment[detachment] = c
    }

    mutating func addVerificationOverdue(_ detachment: String) { byDetachment[detachment, default: Counts()].verificationOverdue += 1 }
    mutating func addCoverageGap(_ detachment: String) { byDetachment[detachment, default: Counts()].coverageGaps += 1 }
    mutating func addFeedbackOverdue(_ detachment: String) { byDetachment[detachment, default: Counts()].feedbackOverdue += 1 }

    var total: Counts {
        byDetachment.values.reduce(into: Counts()) { t, c in
            t.points += c.points; t.open += c.open; t.complete += c.complete; t.verified += c.verified
            t.gaps += c.gaps; t.verificationOverdue += c.verificationOverdue; t.coverageGaps += c.coverageGaps
            t.feedbackOverdue += c.feedbackOverdue
            t.gapsByField.merge(c.gapsByField, uniquingKeysWith: +)
        }
    }

    /// `service_points.by_detachment.csv`: a row per detachment in code order, then the totals
    /// (detachment_code 合计); gaps_by_field as `field:count` joined by `;` in field order.
    func rows(names: (String) -> String) -> [[String]] {
        func row(_ code: String, _ name: String, _ c: Counts) -> [String] {
            [code, name, String(c.points), String(c.open), String(c.complete), String(c.verified), String(c.gaps),
             String(c.verificationOverdue), String(c.coverageGaps), String(c.feedbackOverdue),
             c.gapsByField.keys.sorted().map { "\($0):\(c.gapsByField[$0]!)" }.joined(separator: ";")]
        }
        return byDetachment.keys.sorted().map { row($0, $0.isEmpty ? "（区划无效）" : names($0), byDetachment[$0]!) }
            + [row("合计", "", total)]
    }

    var json: JSONValue {
        func object(_ c: Counts) -> JSONValue {
            .object([
                ("points", .int(c.points)), ("open", .int(c.open)), ("complete", .int(c.complete)),
                ("verified", .int(c.verified)), ("P1_gaps", .int(c.gaps)),
                ("P2_verification_overdue", .int(c.verificationOverdue)), ("P3_coverage_gaps", .int(c.coverageGaps)),
                ("P5_feedback_overdue", .int(c.feedbackOverdue)), ("gaps_by_field", .counts(c.gapsByField)),
            ])
        }
        let t = total
        guard case let .object(pairs) = object(t) else { return .null }
        return .object(pairs + [("by_detachment", .object(byDetachment.keys.sorted().map { ($0, object(byDetachment[$0]!)) }))])
    }
}
