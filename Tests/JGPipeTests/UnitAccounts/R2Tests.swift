import Testing
@testable import JGPipe

@Suite("R2 at most 10 accounts per unit") struct R2Tests {
    /// `count` accounts of different people in unit 0, registered on days 1…count.
    func unit(of count: Int) -> [UnitAccount] {
        (1...count).map { account(String($0), unit: 0, holder: Int32($0), day: Int64($0)) }
    }

    @Test func exactlyTenKeepsAll() {
        let accounts = unit(of: 10)
        let result = applyR2(all(accounts), accounts, cap: 10)
        #expect(result.removed.isEmpty)
        #expect(result.kept.count == 10)
    }

    @Test func elevenRemovesTheOldest() {
        let accounts = unit(of: 11)
        let result = applyR2(all(accounts), accounts, cap: 10)
        #expect(ids(result.removed, accounts) == ["1"])
    }

    @Test func legalPersonAccountsCountAndCanBeRemoved() {
        // The oldest of 12 is the legal person's: the notice exempts legal persons from R3 only.
        var accounts = unit(of: 12)
        accounts[0].role = .legalPerson
        let result = applyR2(all(accounts), accounts, cap: 10)
        #expect(ids(result.removed, accounts) == ["1", "2"])
    }

    @Test func unitsAreCappedSeparately() {
        let accounts = unit(of: 11) + (1...10).map { account("b\($0)", unit: 1, holder: Int32(100 + $0), day: 1) }
        let result = applyR2(all(accounts), accounts, cap: 10)
        #expect(ids(result.removed, accounts) == ["1"])
    }

    @Test func tiesAtTheCapAreBrokenByAccountId() {
        // Eleven accounts registered at the same instant: ids 1…11, the smallest id is oldest.
        let accounts = (1...11).map { account(String($0), unit: 0, holder: Int32($0), day: 7) }
        #expect(ids(applyR2(all(accounts), accounts, cap: 10).removed, accounts) == ["1"])
    }
}
