/// The outcome for one account after cleanup and conversion.
public struct AccountDecision: Sendable, Equatable {
    public var status: AccountStatus
    public var role: AccountRole
    public var permit: ReplacePermit
    public var removedBy: CleanupRule?
}

/// R1 → R2 → R3, each on the survivors of the one before, then C1 and C2 on the accounts still
/// active. Disabled accounts pass through unchanged. Pure: no file, clock or database.
public func cleanUpAccounts(_ accounts: [UnitAccount], unitLegalPerson: [UInt64], caps: CleanupCaps,
                            cutover: Int64) -> [AccountDecision] {
    let legal = accounts.map { isLegalPersonAccount($0, unitLegalPerson: unitLegalPerson) }
    let active = accounts.indices.filter { accounts[$0].isActive }.map { Int32($0) }
    let r1 = applyR1(active, accounts, cap: caps.perPersonPerUnit)
    let r2 = applyR2(r1.kept, accounts, cap: caps.perUnit)
    let r3 = applyR3(r2.kept, accounts, isLegalPersonAccount: legal, cap: caps.unitsPerPerson)

    var decisions = accounts.indices.map { i in
        AccountDecision(status: accounts[i].isActive ? .active : .disabled, role: accounts[i].role,
                        permit: accounts[i].permit, removedBy: nil)
    }
    for (rule, removed) in [(CleanupRule.r1, r1.removed), (.r2, r2.removed), (.r3, r3.removed)] {
        for i in removed.lazy.map({ Int($0) }) {
            decisions[i].status = .disabled
            decisions[i].removedBy = rule
        }
    }
    for i in r3.kept.lazy.map({ Int($0) }) {
        let role = convertRole(accounts[i].role, isLegalPersonAccount: legal[i])
        decisions[i].role = role
        decisions[i].permit = convertPermit(accounts[i].permit, role: role, registeredBeforeCutover: accounts[i].registeredAt < cutover)
    }
    return decisions
}
