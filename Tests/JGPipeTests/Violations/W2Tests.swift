import Testing
@testable import JGPipe

/// W2: due on processed_at + 15 days; 2024-06-20 + 15 = 2024-07-05 (10 days to 30 June, 5 more);
/// judged on A = 2024-08-01.
@Suite("W2 unpaid fines")
struct W2Tests {
    static let cases: [(fine: String, paid: Bool, processed: String?, due: String?)] = [
        ("150.50", false, "2024-06-20 16:30", "2024-07-05"),  // unpaid
        ("150.50", true, "2024-06-20 16:30", nil),            // paid
        ("0", false, "2024-06-20 16:30", nil),                // no fine
        ("0.01", false, "2024-06-30", "2024-07-15"),          // the smallest fine
        ("200", false, nil, nil),                             // not processed yet: W1's
        ("150.50", false, "2024-08-01 23:59", "2024-08-16"),  // decided on A itself
        ("150.50", false, "2024-08-02 00:00", nil),           // decided after A: not yet (a replayed dump)
    ]

    @Test("fine table", arguments: cases)
    func unpaid(_ c: (fine: String, paid: Bool, processed: String?, due: String?)) throws {
        #expect(applyW2(processedAt: c.processed.map(instant), fine: try Money(parsing: c.fine), paid: c.paid,
                             dueDays: 15, asOf: day("2024-08-01")) == c.due.map(day))
    }
}
