import Testing
@testable import JGPipe

/// SPEC §7: C is the latest anniversary of first_issued_on on or before A + 30 days, after the
/// first issue. With A = 2024-06-01, A + 30 = 2024-07-01 (29 days to 30 June, one more).
@Suite("scoring cycle end C")
struct ScoringCycleTests {
    static let cases: [(first: String, asOf: String, c: String?)] = [
        ("2015-03-10", "2024-06-01", "2024-03-10"),   // this year's anniversary has passed
        ("2015-06-20", "2024-06-01", "2024-06-20"),   // a cycle ending within the next 30 days
        ("2015-07-01", "2024-06-01", "2024-07-01"),   // ends on A + 30 exactly
        ("2015-07-02", "2024-06-01", "2023-07-02"),   // A + 31: last year's
        ("2023-08-01", "2024-06-01", nil),            // first year: no cycle has ended
        ("2023-07-01", "2024-06-01", "2024-07-01"),   // the first cycle ends on A + 30
        ("2024-06-01", "2024-06-01", nil),            // issued today
        // 29 February: 28 February in other years, 29 February in leap years.
        ("2020-02-29", "2021-01-29", "2021-02-28"),   // A + 30 = 2021-02-28, the first anniversary
        ("2020-02-29", "2021-01-28", nil),            // A + 30 = 2021-02-27
        ("2020-02-29", "2023-03-01", "2023-02-28"),
        ("2020-02-29", "2024-03-05", "2024-02-29"),   // leap year
        ("2020-02-29", "2024-01-30", "2024-02-29"),   // A + 30 = 2024-02-29 (31 days of January: +1 is 31 Jan)
        ("2020-02-29", "2024-01-29", "2023-02-28"),   // A + 30 = 2024-02-28
    ]

    @Test("anniversaries", arguments: cases)
    func cycleEnd(_ c: (first: String, asOf: String, c: String?)) {
        #expect(scoringCycleEnd(firstIssuedOn: day(c.first), asOf: day(c.asOf)) == c.c.map(day))
    }
}
