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
