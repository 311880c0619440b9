import Testing
@testable import JGPipe

/// P2 with verify_from 2024-06-01 and verify_by 2024-06-25.
@Suite("P2 service point verification deadline")
struct P2Tests {
    static let from = day("2024-06-01"), by = day("2024-06-25")

    @Test("verified within [verify_from, A]: the day before, on and after each edge")
    func verified() {
        let a = day("2024-06-20")
        #expect(!isVerified(day("2024-05-31"), from: Self.from, asOf: a))
        #expect(isVerified(day("2024-06-01"), from: Self.from, asOf: a))
        #expect(isVerified(day("2024-06-20"), from: Self.from, asOf: a))
        #expect(!isVerified(day("2024-06-21"), from: Self.from, asOf: a))   // dated after A: not yet
        #expect(!isVerified(nil, from: Self.from, asOf: a))
    }

    @Test("overdue only after verify_by, for an open point not verified")
    func overdue() {
        #expect(!isVerificationOverdue(isOpen: true, verified: false, verifyBy: Self.by, asOf: day("2024-06-24")))
        #expect(!isVerificationOverdue(isOpen: true, verified: false, verifyBy: Self.by, asOf: day("2024-06-25")))
        #expect(isVerificationOverdue(isOpen: true, verified: false, verifyBy: Self.by, asOf: day("2024-06-26")))
        #expect(!isVerificationOverdue(isOpen: true, verified: true, verifyBy: Self.by, asOf: day("2024-06-26")))
        #expect(!isVerificationOverdue(isOpen: false, verified: false, verifyBy: Self.by, asOf: day("2024-06-26")))
    }
}
