import Testing
@testable import JGPipe

/// R1 → R2 → R3 each on the survivors of the one before, and C1/C2 on what stays active.
@Suite("R1–R3 order and conversion") struct CleanupOrderTests {
    let cutover: Int64 = 1_000 * 86_400

    func decide(_ accounts: [UnitAccount], legal: [UInt64]) -> [AccountDecision] {
        cleanUpAccounts(accounts, unitLegalPerson: legal, caps: CleanupCaps(), cutover: cutover)
    }

    @Test func r3SeesOnlyWhatR2LeftStanding() {
        // Person 1 has accounts in 4 units; unit 0 is full (11 accounts) and R2 removes person 1's
        // account there (the oldest), so R3 then sees 3 units and removes nothing.
        var accounts = [account("p0", unit: 0, holder: 1, day: 1)]
        accounts += (2...11).map { account("x\($0)", unit: 0, holder: Int32(100 + $0), day: Int64(10 + $0)) }
        accounts += (1...3).map { account("p\($0)", unit: Int32($0), holder: 1, day: Int64($0)) }
        let decisions = decide(accounts, legal: [50, 51, 52, 53])
        #expect(decisions[0].removedBy == .r2)
        #expect(decisions.filter { $0.removedBy == .r3 }.isEmpty)
        #expect(decisions.filter { $0.removedBy != nil }.count == 1)
    }

    @Test func r1RemovalsDoNotCountForR2() {
        // 11 accounts in a unit, two of the same person: R1 removes one, R2 then sees 10.
        var accounts = (1...10).map { account(String($0), unit: 0, holder: Int32($0), day: Int64($0)) }
        accounts.append(account("11", unit: 0, holder: 1, day: 20))
        let decisions = decide(accounts, legal: [99])
        #expect(decisions[0].removedBy == .r1)
        #expect(decisions.filter { $0.removedBy == .r2 }.isEmpty)
    }

    @Test func disabledAccountsPassThroughUnchanged() {
        let accounts = [account("1", unit: 0, holder: 1, day: 9, active: false, role: .legacy, permit: .no),
                        account("2", unit: 0, holder: 1, day: 1)]
        let decisions = decide(accounts, legal: [1])
        #expect(decisions[0] == AccountDecision(status: .disabled, role: .legacy, permit: .no, removedBy: nil))
        // The active one is the legal person's and alone in its group.
        #expect(decisions[1] == AccountDecision(status: .active, role: .legalPerson, permit: .yes, removedBy: nil))
    }

    @Test func removedAccountsKeepTheirInputRoleAndPermit() {
        let accounts = [account("1", unit: 0, holder: 1, day: 1, role: .legacy), account("2", unit: 0, holder: 1, day: 2)]
        let decisions = decide(accounts, legal: [5])
        #expect(decisions[0] == AccountDecision(status: .disabled, role: .legacy, permit: .unset, removedBy: .r1))
        #expect(decisions[1].role == .ordinary)
    }

    @Test func decisionsDoNotDependOnInputOrder() {
        let accounts: [UnitAccount] = (0..<30).map { (i: Int) -> UnitAccount in
            account(String(i), unit: Int32(i % 3), holder: Int32(i % 7), day: Int64(i % 5))
        }
        let legal: [UInt64] = [0, 1, 2]
        let forward = decide(accounts, legal: legal)
        let reversed = decide(accounts.reversed(), legal: legal)
        #expect(forward == reversed.reversed())
    }
}
