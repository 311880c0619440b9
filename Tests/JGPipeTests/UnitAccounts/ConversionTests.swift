import Testing
@testable import JGPipe

@Suite("Legal-person accounts") struct LegalPersonAccountTests {
    @Test func roleOrHolderMakesALegalPersonAccount() {
        let legal: [UInt64] = [7]
        #expect(isLegalPersonAccount(account("1", unit: 0, holder: 7, day: 0), unitLegalPerson: legal))
        #expect(isLegalPersonAccount(account("1", unit: 0, holder: 3, day: 0, role: .legalPerson), unitLegalPerson: legal))
        #expect(!isLegalPersonAccount(account("1", unit: 0, holder: 3, day: 0), unitLegalPerson: legal))
        // An admin or ordinary account held by the legal person is not a legal-person account.
        #expect(!isLegalPersonAccount(account("1", unit: 0, holder: 7, day: 0, role: .admin), unitLegalPerson: legal))
        #expect(!isLegalPersonAccount(account("1", unit: 0, holder: 7, day: 0, role: .ordinary), unitLegalPerson: legal))
    }
}

@Suite("C1 role conversion") struct C1Tests {
    @Test(arguments: [
        (AccountRole.legacy, true, AccountRole.legalPerson),
        (.legacy, false, .ordinary),
        (.admin, false, .admin),
        (.admin, true, .admin),
        (.ordinary, true, .ordinary),
        (.legalPerson, false, .legalPerson),
    ])
    func convertsOnlyEmptyRoles(role: AccountRole, legal: Bool, expected: AccountRole) {
        #expect(convertRole(role, isLegalPersonAccount: legal) == expected)
    }
}

@Suite("C2 replace permit") struct C2Tests {
    @Test(arguments: [
        (ReplacePermit.unset, AccountRole.ordinary, true, ReplacePermit.yes),
        (.unset, .legalPerson, true, .yes),
        (.unset, .legalPerson, false, .yes),
        (.unset, .admin, false, .yes),
        (.unset, .ordinary, false, .no),
        (.no, .legalPerson, true, .no),
        (.yes, .ordinary, false, .yes),
    ])
    func grantsByRegistrationDateAndRole(permit: ReplacePermit, role: AccountRole, before: Bool, expected: ReplacePermit) {
        #expect(convertPermit(permit, role: role, registeredBeforeCutover: before) == expected)
    }

    @Test func theCutoverInstantItselfIsNotBefore() {
        let cutover: Int64 = 1_000 * 86_400
        var atCutover = account("1", unit: 0, holder: 1, day: 0)
        atCutover.registeredAt = cutover
        var secondBefore = account("2", unit: 1, holder: 2, day: 0)
        secondBefore.registeredAt = cutover - 1
        let decisions = cleanUpAccounts([atCutover, secondBefore], unitLegalPerson: [9, 9], caps: CleanupCaps(),
                                        cutover: cutover)
        #expect(decisions.map(\.permit) == [.no, .yes])
    }
}

@Suite("C3 legal-person coverage") struct C3Tests {
    @Test func countsActiveLegalPersonRolesPerUnit() {
        let coverage = legalPersonCoverage(unitCount: 3, activeRoles: [
            (unit: 0, role: .legalPerson), (unit: 0, role: .ordinary),
            (unit: 1, role: .admin),
            (unit: 2, role: .legalPerson), (unit: 2, role: .legalPerson),
        ])
        #expect(coverage == [.one, .none, .several])
    }
}

@Suite("Account id order") struct AccountIDTests {
    @Test func digitStringsCompareNumerically() {
        #expect(AccountID("9") < AccountID("10"))
        #expect(AccountID("0099") < AccountID("100"))
        #expect(AccountID("12345678901234567890123") > AccountID("9999999999999999999"))
    }

    @Test func otherwiseByBytes() {
        #expect(AccountID("A10") < AccountID("A9"))
        #expect(AccountID("10") < AccountID("9a"))
    }

    @Test func orderKeysAreNumbersForPlainDigitIdsElseRanks() {
        #expect(AccountID.orderKeys(["10", "9", "123"]) == [10, 9, 123])
        // A leading zero is not a plain digit string: every id gets its rank instead.
        #expect(AccountID.orderKeys(["10", "9", "007"]) == [2, 1, 0])
        #expect(AccountID.orderKeys(["b", "A10", "A9"]) == [2, 0, 1])
    }

    @Test func numericallyEqualStringsFallBackToBytes() {
        #expect(AccountID("007") < AccountID("7"))
        #expect(!(AccountID("7") < AccountID("007")))
    }
}
