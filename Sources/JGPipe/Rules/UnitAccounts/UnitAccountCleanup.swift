/// R1 → R2 → R3, each on the survivors of the one before, then C1 and C2 on the accounts still
/// active. Disabled accounts pass through unchanged. Pure: no file, clock or database.
public func cleanUpAccounts(_ accounts: [UnitAccount], unitLegalPerson: [UInt64], caps: CleanupCaps,
                            cutover: Int64) -> [AccountDecision] {
    var decisions = accounts.map { account in
        AccountDecision(status: account.isActive ? .active : .disabled, role: account.role, permit: account.permit,
                        removedBy: nil)
    }
    func remove(_ removed: [Int32], by rule: CleanupRule) {
        for i in removed.lazy.map({ Int($0) }) {
            decisions[i].status = .disabled
            decisions[i].removedBy = rule
        }
    }
    // Each step's candidates replace the last ones: a dump of millions keeps one list alive.
    let legal = accounts.map { isLegalPersonAccount($0, unitLegalPerson: unitLegalPerson) }
    var survivors = accounts.indices.filter { accounts[$0].isActive }.map { Int32($0) }
    var step = applyR1(survivors, accounts, cap: caps.perPersonPerUnit)
    remove(step.removed, by: .r1)
    survivors = step.kept
    step = applyR2(survivors, accounts, cap: caps.perUnit, sparing: caps.r2SparesLegalPerson ? legal : nil)
    remove(step.removed, by: .r2)
    survivors = step.kept
    step = applyR3(survivors, accounts, isLegalPersonAccount: legal, cap: caps.unitsPerPerson)
    remove(step.removed, by: .r3)

    for i in step.kept.lazy.map({ Int($0) }) {
        let role = applyC1(accounts[i].role, isLegalPersonAccount: legal[i])
        decisions[i].role = role
        decisions[i].permit = applyC2(accounts[i].permit, role: role,
                                            registeredBeforeCutover: accounts[i].registeredAt < cutover)
    }
    return decisions
}
