import Testing
@testable import JGPipe

@Suite("R1 one account per person per unit") struct R1Tests {
    @Test func keepsTheNewestOfAPersonsAccountsInAUnit() {
        let accounts = [
            account("1", unit: 0, holder: 7, day: 100),
            account("2", unit: 0, holder: 7, day: 300),  // newest: kept
            account("3", unit: 0, holder: 7, day: 200),
            account("4", unit: 1, holder: 7, day: 50),   // another unit: untouched
            account("5", unit: 0, holder: 8, day: 10),   // another person: untouched
        ]
        let result = applyR1(all(accounts), accounts, cap: 1)
        #expect(ids(result.removed, accounts) == ["1", "3"])
        #expect(ids(result.kept, accounts) == ["2", "4", "5"])
    }

    @Test func aTieOnRegisteredAtGoesToTheNumericallyLargerId() {
        // Same instant: "10" > "9" numerically, although "9" > "10" as bytes.
        let accounts = [account("9", unit: 0, holder: 1, day: 5), account("10", unit: 0, holder: 1, day: 5)]
        let result = applyR1([0, 1], accounts, cap: 1)
        #expect(ids(result.kept, accounts) == ["10"])
        #expect(ids(result.removed, accounts) == ["9"])
    }

    @Test func aTieBetweenNonNumericIdsGoesToTheLargerBytes() {
        // Production keys: ranks from AccountID.orderKeys; "A-2" > "A-10" byte-wise ("2" > "1").
        let keys = AccountID.orderKeys(["A-2", "A-10", "9"])
        var accounts = [account("1", unit: 0, holder: 1, day: 5), account("2", unit: 0, holder: 1, day: 5),
                        account("3", unit: 0, holder: 1, day: 5)]
        for i in accounts.indices { accounts[i].idKey = keys[i] }
        // Byte order: "A-2" > "A-10" > "9" ("A" is 0x41, "9" is 0x39).
        #expect(applyR1([0, 1, 2], accounts, cap: 1).kept == [0])
        #expect(applyR1([1, 2], accounts, cap: 1).kept == [1])
    }

    @Test func onlyTheCandidatesTakePart() {
        // The caller passes active accounts only: a newer disabled account does not win.
        let accounts = [account("1", unit: 0, holder: 1, day: 1), account("2", unit: 0, holder: 1, day: 9, active: false)]
        #expect(ids(applyR1([0], accounts, cap: 1).kept, accounts) == ["1"])
    }

    @Test func aHigherCapKeepsThatMany() {
        let accounts = (1...4).map { account(String($0), unit: 0, holder: 1, day: Int64($0)) }
        let result = applyR1(all(accounts), accounts, cap: 2)
        #expect(ids(result.kept, accounts) == ["3", "4"])
    }
}

/// SPEC §1 `kept_account_id`: for each R1 removal, the account R1 kept for the same person.
@Suite("R1 kept account of the removal export") struct R1KeptAccountTests {
    @Test func eachRemovalNamesTheNewestOfItsPersonInItsUnit() {
        // Unit 0, holder 1: a (day 1), b (day 3), c (day 2) → b kept, a and c removed by R1.
        // Unit 1, holder 1: d (day 1), e (day 5) → e kept, d removed. Holder 2 alone: nothing.
        // A disabled newer account (f, day 9) takes no part.
        let accounts = [
            account("a", unit: 0, holder: 1, day: 1), account("b", unit: 0, holder: 1, day: 3),
            account("c", unit: 0, holder: 1, day: 2), account("d", unit: 1, holder: 1, day: 1),
            account("e", unit: 1, holder: 1, day: 5), account("g", unit: 0, holder: 2, day: 1),
            account("f", unit: 0, holder: 1, day: 9, active: false),
        ]
        let decisions = cleanUpAccounts(accounts, unitLegalPerson: [99, 99], caps: CleanupCaps(), cutover: 0)
        #expect(decisions.map { $0.removedBy?.rawValue ?? "" } == ["R1", "", "R1", "R1", "", "", ""])
        #expect(r1KeptAccounts(accounts, decisions) == [0: 1, 2: 1, 3: 4])
    }

    @Test func noR1RemovalNoEntry() {
        let accounts = [account("a", unit: 0, holder: 1, day: 1), account("b", unit: 0, holder: 2, day: 1)]
        let decisions = cleanUpAccounts(accounts, unitLegalPerson: [99], caps: CleanupCaps(), cutover: 0)
        #expect(r1KeptAccounts(accounts, decisions).isEmpty)
    }

    @Test func theReasonNamesTheCapInForce() {
        #expect(CleanupRule.r1.reason(CleanupCaps(perPersonPerUnit: 2)) == "同一人在同一单位注册了多个账号，每人每单位限2个，保留最新注册的2个")
        #expect(CleanupRule.r3.reason(CleanupCaps(unitsPerPerson: 5)) == "同一人注册单位超过5个（单位法人账号除外），保留最新注册的5个")
    }
}
