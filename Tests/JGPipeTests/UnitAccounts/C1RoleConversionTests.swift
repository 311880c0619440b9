import Testing
@testable import JGPipe

@Suite("C1 role conversion") struct C1RoleConversionTests {
    @Test(arguments: [
        (AccountRole.legacy, true, AccountRole.legalPerson),
        (.legacy, false, .ordinary),
        (.admin, false, .admin),
        (.admin, true, .admin),
        (.ordinary, true, .ordinary),
        (.legalPerson, false, .legalPerson),
    ])
    func convertsOnlyEmptyRoles(role: AccountRole, legal: Bool, expected: AccountRole) {
        #expect(applyC1(role, isLegalPersonAccount: legal) == expected)
    }
}
