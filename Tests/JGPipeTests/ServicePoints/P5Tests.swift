import Testing
@testable import JGPipe

/// P5 with feedback_days 5 and A = 2024-08-01.
@Suite("P5 service point corrections")
struct P5Tests {
    static let a = day("2024-08-01")

    func days(_ received: String, _ resolved: String? = nil) -> Int? {
        overdueFeedbackDays(receivedOn: day(received), resolvedOn: resolved.map(day), feedbackDays: 5, asOf: Self.a)
    }

    @Test("more than 5 days open: 5 is not, 6 is")
    func age() {
        #expect(days("2024-07-27") == nil)
        #expect(days("2024-07-26") == 6)
        #expect(days("2024-08-02") == nil)   // received after A: waits for its night
    }

    @Test("resolved on or before A is done; resolved after A is still open on A")
    func resolved() {
        #expect(days("2024-07-01", "2024-08-01") == nil)
        #expect(days("2024-07-01", "2024-08-02") == 31)
    }
}
