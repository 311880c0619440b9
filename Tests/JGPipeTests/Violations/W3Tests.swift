import Testing
@testable import JGPipe

/// W3 with the cutover 2024-07-01; the violation occurred 2024-07-10 09:00 and was processed
/// 2024-07-20 10:00 unless a case says otherwise.
@Suite("W3 authorised handling")
struct W3Tests {
    static let owner = VehicleOwner.person(ViolationPeople.owner)
    static let user = ViolationPeople.user

    func finding(nonSite: Bool = true, occurred: String = "2024-07-10 09:00", processed: String = "2024-07-20 10:00", handler: IdentityNumber = user,
                 owner: VehicleOwner = owner, asOf: String = "2024-08-01",
                 _ registrations: [(String, String?)]) -> AuthorisationFinding? {
        applyW3(nonSite: nonSite, occurredAt: instant(occurred), processedAt: instant(processed),
                             handler: handler, owner: owner,
                             registrations: registrations.map { Registration(registeredOn: instant($0.0), revokedOn: $0.1.map(instant)) },
                             cutover: cutover, asOf: day(asOf))
    }

    @Test("handled by the owner")
    func byOwner() {
        #expect(finding(handler: ViolationPeople.owner, []) == nil)
    }

    @Test("a registered user, registered before and after the violation")
    func registered() {
        #expect(finding([("2024-07-01 00:00", nil)]) == nil)
        #expect(finding([("2024-07-10 09:00", nil)]) == nil)                    // registered at the very minute
        #expect(finding([("2024-07-10 09:01", nil)]) == .registeredAfterViolation)
        #expect(finding([("2024-07-15", nil), ("2024-07-18", nil)]) == .registeredAfterViolation)
    }

    @Test("a revoked user")
    func revoked() {
        #expect(finding([("2024-01-01", "2024-07-09 18:00")]) == .revokedBeforeViolation)
        #expect(finding([("2024-01-01", "2024-07-10 09:00")]) == .revokedBeforeViolation)  // revoked by then
        #expect(finding([("2024-01-01", "2024-07-10 09:01")]) == nil)                      // still in force
        // Revoked before, registered again after: one registration began before, none in force.
        #expect(finding([("2024-01-01", "2024-07-05"), ("2024-07-15", nil)]) == .revokedBeforeViolation)
        // Revoked before, registered again before the violation: in force.
        #expect(finding([("2024-01-01", "2024-07-05"), ("2024-07-06", nil)]) == nil)
    }

    @Test("not registered; a unit's vehicle")
    func notRegistered() throws {
        #expect(finding([]) == .notRegistered)
        let unit = VehicleOwner.unit(try CreditCode("91440101MA5C111109"))
        #expect(finding(handler: ViolationPeople.owner, owner: unit, []) == .notRegistered)
        #expect(finding(owner: unit, [("2024-06-01", nil)]) == nil)
    }

    @Test("on site, and processed before the cutover, are not audited")
    func outOfScope() {
        #expect(finding(nonSite: false, []) == nil)
        // A violation of 20 June, not registered: processed the second before the cutover, then at it.
        #expect(finding(occurred: "2024-06-20 09:00", processed: "2024-06-30 23:59:59", []) == nil)
        #expect(finding(occurred: "2024-06-20 09:00", processed: "2024-07-01 00:00:00", []) == .notRegistered)
    }

    @Test("processed after A: audited on the night of its date (SPEC §8)")
    func processedAfterAsOf() {
        #expect(finding(asOf: "2024-07-19", []) == nil)
        #expect(finding(asOf: "2024-07-20", []) == .notRegistered)
        #expect(finding(asOf: "2024-07-21", []) == .notRegistered)
    }
}
