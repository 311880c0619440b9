import Testing
@testable import JGPipe

@Suite("R3 at most 3 units per person, legal-person accounts excepted") struct R3Tests {
    @Test func exactlyThreeUnitsKeepsAll() {
        let accounts = (0..<3).map { account(String($0), unit: Int32($0), holder: 1, day: Int64($0)) }
        let result = applyR3(all(accounts), accounts, isLegalPersonAccount: [false, false, false], cap: 3)
        #expect(result.removed.isEmpty)
    }

    @Test func fourUnitsRemovesTheOldest() {
        let accounts = [
            account("a", unit: 0, holder: 1, day: 40),
            account("b", unit: 1, holder: 1, day: 10),  // oldest: removed
            account("c", unit: 2, holder: 1, day: 30),
            account("d", unit: 3, holder: 1, day: 20),
        ]
        let result = applyR3(all(accounts), accounts, isLegalPersonAccount: [false, false, false, false], cap: 3)
        #expect(ids(result.removed, accounts) == ["b"])
    }

    @Test func legalPersonOfTwoUnitsWithAccountsInSixUnits() {
        // Legal person of units 0 and 1 (the oldest accounts), ordinary in units 2–5.
        let accounts = (0..<6).map { account("u\($0)", unit: Int32($0), holder: 9, day: Int64($0)) }
        let legal = [true, true, false, false, false, false]
        let result = applyR3(all(accounts), accounts, isLegalPersonAccount: legal, cap: 3)
        // Four non-legal accounts → the oldest of them (u2) goes; legal-person accounts stay.
        #expect(ids(result.removed, accounts) == ["u2"])
        #expect(ids(result.kept, accounts) == ["u0", "u1", "u3", "u4", "u5"])
    }

    @Test func otherPeopleAreCountedSeparately() {
        let accounts = (0..<4).map { account("p\($0)", unit: Int32($0), holder: 1, day: Int64($0)) }
            + (0..<3).map { account("q\($0)", unit: Int32($0), holder: 2, day: 0) }
        let result = applyR3(all(accounts), accounts, isLegalPersonAccount: Array(repeating: false, count: 7), cap: 3)
        #expect(ids(result.removed, accounts) == ["p0"])
    }
}
