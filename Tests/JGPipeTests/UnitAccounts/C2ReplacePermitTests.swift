import Testing
@testable import JGPipe

@Suite("C2 replace permit") struct C2ReplacePermitTests {
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
        #expect(applyC2(permit, role: role, registeredBeforeCutover: before) == expected)
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
