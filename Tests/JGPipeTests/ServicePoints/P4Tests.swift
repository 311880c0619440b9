import Testing
@testable import JGPipe

/// P4: the weekly sample per detachment.
@Suite("P4 service point spot check")
struct P4Tests {
    static let ids = (1...100).map { "P\($0)" }

    @Test("the count: 5 % of the open points, at least 3, or all of them")
    func count() {
        let a = day("2024-08-01")
        #expect(spotCheckSample(Array(Self.ids.prefix(6)), share: 0.05, minimum: 3, asOf: a).count == 3)
        #expect(spotCheckSample(Self.ids, share: 0.05, minimum: 3, asOf: a).count == 5)
        #expect(spotCheckSample(Array(Self.ids.prefix(61)), share: 0.05, minimum: 3, asOf: a).count == 4)  // 3.05 up
        #expect(spotCheckSample(Array(Self.ids.prefix(2)), share: 0.05, minimum: 3, asOf: a) == ["P1", "P2"])
        #expect(spotCheckSample([], share: 0.05, minimum: 3, asOf: a).isEmpty)
    }

    @Test("the same within a week and on a rerun, a new one the next week, in point_id order")
    func weekly() {
        let monday = spotCheckSample(Self.ids, share: 0.1, minimum: 3, asOf: day("2024-07-29"))
        #expect(monday == spotCheckSample(Self.ids, share: 0.1, minimum: 3, asOf: day("2024-08-04")))   // Sunday
        #expect(monday != spotCheckSample(Self.ids, share: 0.1, minimum: 3, asOf: day("2024-08-05")))
        #expect(monday == monday.sorted() && Set(monday).isSubset(of: Self.ids))
    }

    @Test("ISO weeks across year ends", arguments: [
        ("2024-08-01", 2024, 31), ("2021-01-03", 2020, 53), ("2021-01-04", 2021, 1), ("2024-12-30", 2025, 1),
        ("2026-12-07", 2026, 50), ("2024-02-29", 2024, 9),
    ])
    func isoWeek(_ c: (String, Int, Int)) {
        let week = day(c.0).isoWeek
        #expect(week.year == c.1 && week.week == c.2)
    }
}
