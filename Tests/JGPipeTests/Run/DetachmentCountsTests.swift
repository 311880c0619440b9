import Testing
@testable import JGPipe

/// `by_detachment` counted per part of a slice and merged (the stages' tallies): the same object
/// as counting every row in one place, keys shown only where added.
@Suite struct DetachmentCountsTests {
    @Test func partsMergedGiveTheCountsOfTheWhole() {
        var whole = DetachmentCounts(), first = DetachmentCounts(), second = DetachmentCounts()
        let adds: [(key: String, detachment: String, n: Int)] = [
            ("open", "440100", 1), ("closed", "440300", 1), ("open", "440100", 1), ("SCRAP_DUE_SOON", "440100", 1),
            ("open", "440300", 1), ("deregistration_overdue", "440100", 0), ("closed", "440100", 2), ("open", "440100", 1),
        ]
        for (k, add) in adds.enumerated() {
            whole.add(add.key, in: add.detachment, add.n)
            if k < 3 { first.add(add.key, in: add.detachment, add.n) } else { second.add(add.key, in: add.detachment, add.n) }
        }
        var merged = DetachmentCounts()
        merged.merge(first)
        merged.merge(second)
        // By hand: 440100 open 1+1+1, SCRAP_DUE_SOON 1, deregistration_overdue 0 (added), closed 2; 440300 closed 1, open 1.
        let expected = JSONValue.object([
            ("440100", .object([("SCRAP_DUE_SOON", .int(1)), ("closed", .int(2)), ("deregistration_overdue", .int(0)), ("open", .int(3))])),
            ("440300", .object([("closed", .int(1)), ("open", .int(1))])),
        ])
        #expect(whole.json.rendered() == expected.rendered())
        #expect(merged.json.rendered() == expected.rendered())
    }
}
