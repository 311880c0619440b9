import Testing
@testable import JGPipe

@Suite("C3 legal-person coverage") struct C3LegalPersonCheckTests {
    @Test func countsActiveLegalPersonRolesPerUnit() {
        let coverage = applyC3(unitCount: 3, activeRoles: [
            (unit: 0, role: .legalPerson), (unit: 0, role: .ordinary),
            (unit: 1, role: .admin),
            (unit: 2, role: .legalPerson), (unit: 2, role: .legalPerson),
        ])
        #expect(coverage == [.one, .none, .several])
    }
}
