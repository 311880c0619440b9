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

/// `[unit_accounts] r2_spares_legal_person` (SPEC §1): both readings of 八.一 on the same units.
@Suite("R2 readings: every account counts, or legal-person accounts spared") struct R2ReadingTests {
    /// Unit 0: accounts 1…4 on days 1…4, account 1 (the oldest) the legal person's.
    func unitWithOldLegalPerson() -> (accounts: [UnitAccount], legal: [Bool]) {
        var accounts = (1...4).map { account(String($0), unit: 0, holder: Int32($0), day: Int64($0)) }
        accounts[0].role = .legalPerson
        return (accounts, accounts.map { $0.role == .legalPerson })
    }

    @Test func defaultReadingRemovesTheOldestWhateverItsRole() {
        // cap 3 of 4: newest 4, 3, 2 kept; 1 (the legal person's) goes.
        let (accounts, _) = unitWithOldLegalPerson()
        #expect(ids(applyR2(all(accounts), accounts, cap: 3).removed, accounts) == ["1"])
    }

    @Test func sparingReadingKeepsTheLegalPersonFirst() {
        // Legal person 1 kept first, then the newest 2 others (4, 3): 2 goes.
        let (accounts, legal) = unitWithOldLegalPerson()
        let result = applyR2(all(accounts), accounts, cap: 3, sparing: legal)
        #expect(ids(result.removed, accounts) == ["2"])
        #expect(ids(result.kept, accounts) == ["1", "3", "4"])
    }

    @Test func sparedLegalPersonsStillFitTheCap() {
        // Three legal-person accounts (1, 2, 3) and one other (4), cap 2: the newest two
        // legal-person accounts (3, 2) fill the cap; 1 and 4 go.
        var accounts = (1...4).map { account(String($0), unit: 0, holder: Int32($0), day: Int64($0)) }
        for i in 0..<3 { accounts[i].role = .legalPerson }
        let result = applyR2(all(accounts), accounts, cap: 2, sparing: accounts.map { $0.role == .legalPerson })
        #expect(ids(result.removed, accounts) == ["1", "4"])
    }

    @Test func sparingIsPerUnit() {
        // Unit 0 as above (cap 3 → 2 goes); unit 1: five others on days 1…5 → 1 and 2 go.
        let (first, firstLegal) = unitWithOldLegalPerson()
        let second = (1...5).map { account("b\($0)", unit: 1, holder: Int32(10 + $0), day: Int64($0)) }
        let accounts = first + second
        let result = applyR2(all(accounts), accounts, cap: 3, sparing: firstLegal + second.map { _ in false })
        #expect(ids(result.removed, accounts) == ["2", "b1", "b2"])
    }

    @Test func theReasonNamesTheReadingAndTheCap() {
        let spared = CleanupRule.r2.reason(CleanupCaps(perUnit: 4, r2SparesLegalPerson: true))
        #expect(spared.contains("超过4个") && spared.contains("优先保留法人账号") && !spared.contains("10"))
        #expect(CleanupRule.r2.reason(CleanupCaps(perUnit: 4)) == "单位注册账号超过4个，保留最新注册的4个")
    }
}
