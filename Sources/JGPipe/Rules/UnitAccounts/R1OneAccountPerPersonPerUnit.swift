/// R1 (八、一): one account per person per unit — among active accounts with the same
/// (unit, holder), keep the newest.
func applyR1(_ active: [Int32], _ accounts: [UnitAccount], cap: Int) -> (kept: [Int32], removed: [Int32]) {
    keepNewest(active, of: accounts, cap: cap, buckets: .unit) { $0.holder }
}

extension RuleWording {
    static let R1 = RuleWording(label: "同一人同一单位账号数上限", section: "八.一")
}

extension CleanupRule {
    static func r1Reason(_ caps: CleanupCaps) -> String {
        "同一人在同一单位注册了多个账号，每人每单位限\(caps.perPersonPerUnit)个，保留最新注册的\(caps.perPersonPerUnit)个"
    }
}

/// `kept_account_id` of the removal export (SPEC §1): for each account R1 removed, the newest
/// account of the same person in the unit, the one R1 kept (later rules may still remove it).
/// Keyed by the removed account's index.
func r1KeptAccounts(_ accounts: [UnitAccount], _ decisions: [AccountDecision]) -> [Int32: Int32] {
    struct Group: Hashable { let unit: Int32, holder: UInt64 }
    var newest: [Group: Int32] = [:]
    for (i, decision) in decisions.enumerated() where decision.removedBy == .r1 {
        newest[Group(unit: accounts[i].unit, holder: accounts[i].holder)] = -1
    }
    guard !newest.isEmpty else { return [:] }
    for (i, account) in accounts.enumerated() where account.isActive && decisions[i].removedBy != .r1 {
        let group = Group(unit: account.unit, holder: account.holder)
        guard let current = newest[group] else { continue }
        if current < 0 || NewestKey(group: 0, account: account, index: Int32(i))
            < NewestKey(group: 0, account: accounts[Int(current)], index: current) {
            newest[group] = Int32(i)
        }
    }
    var kept: [Int32: Int32] = [:]
    for (i, decision) in decisions.enumerated() where decision.removedBy == .r1 {
        kept[Int32(i)] = newest[Group(unit: accounts[i].unit, holder: accounts[i].holder)]
    }
    return kept
}
