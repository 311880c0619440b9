/// Per-unit counts of the outcome, for the notices, the contact list and the summary, taken in
/// one pass so the accounts themselves can be let go.
struct UnitTallies {
    var accounts: [Int]
    var activeAfter: [Int]
    /// Indexed by `CleanupRule.allCases` position, then unit.
    var removed: [[Int]]
    var activeBefore = 0
    /// C1 roles given and C2 permits given.
    var converted = ["C1_legal_person": 0, "C1_ordinary": 0, "C2_permit_Y": 0, "C2_permit_N": 0]

    init(_ records: [UnitAccount], _ decisions: [AccountDecision], unitCount: Int) {
        accounts = [Int](repeating: 0, count: unitCount)
        activeAfter = accounts
        removed = CleanupRule.allCases.map { _ in [Int](repeating: 0, count: unitCount) }
        var legalPersonGiven = 0, ordinaryGiven = 0, permitYes = 0, permitNo = 0
        for (account, decision) in zip(records, decisions) {
            let u = Int(account.unit)
            accounts[u] += 1
            if account.isActive { activeBefore += 1 }
            if let rule = decision.removedBy { removed[rule.position][u] += 1 }
            guard decision.status == .active else { continue }
            activeAfter[u] += 1
            if account.role == .legacy {
                if decision.role == .legalPerson { legalPersonGiven += 1 } else if decision.role == .ordinary { ordinaryGiven += 1 }
            }
            if account.permit == .unset {
                if decision.permit == .yes { permitYes += 1 } else if decision.permit == .no { permitNo += 1 }
            }
        }
        converted["C1_legal_person"]! += legalPersonGiven
        converted["C1_ordinary"]! += ordinaryGiven
        converted["C2_permit_Y"]! += permitYes
        converted["C2_permit_N"]! += permitNo
    }

    func removedInUnit(_ u: Int) -> Int {
        removed.reduce(0) { $0 + $1[u] }
    }
}
