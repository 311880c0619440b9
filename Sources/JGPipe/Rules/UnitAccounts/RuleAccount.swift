/// What the unit-account rules know of one valid account: integers, no strings to re-check.
public struct RuleAccount: Sendable {
    public var unit: Int32
    /// The holder's person key (type, number), interned.
    public var holder: Int32
    /// `registered_at` as seconds, for "newest".
    public var registeredAt: Int64
    public var id: AccountID
    public var isActive: Bool
    public var role: AccountRole

    public init(unit: Int32, holder: Int32, registeredAt: Int64, id: AccountID, isActive: Bool, role: AccountRole) {
        self.unit = unit
        self.holder = holder
        self.registeredAt = registeredAt
        self.id = id
        self.isActive = isActive
        self.role = role
    }

    /// SPEC §1 "Newest": registered_at descending, then account_id descending.
    public func isNewer(than other: RuleAccount) -> Bool {
        registeredAt != other.registeredAt ? registeredAt > other.registeredAt : other.id < id
    }
}

public enum CleanupRule: String, Sendable, CaseIterable {
    case r1 = "R1", r2 = "R2", r3 = "R3"
}

/// SPEC §1 caps, from the pipeline file's `[unit_accounts]` table.
public struct CleanupCaps: Sendable, Equatable {
    public var perPersonPerUnit = 1
    public var perUnit = 10
    public var unitsPerPerson = 3

    public init(perPersonPerUnit: Int = 1, perUnit: Int = 10, unitsPerPerson: Int = 3) {
        self.perPersonPerUnit = perPersonPerUnit
        self.perUnit = perUnit
        self.unitsPerPerson = unitsPerPerson
    }
}

/// The shared mechanism of R1–R3: within each group keep the `cap` newest candidates.
/// Candidates are sorted by (group, newest first), so the result does not depend on input order.
func keepNewest(_ candidates: [Int], of accounts: [RuleAccount], cap: Int,
                groupedBy group: (RuleAccount) -> Int64) -> (kept: [Int], removed: [Int]) {
    let ordered = candidates.sorted { a, b in
        let ga = group(accounts[a]), gb = group(accounts[b])
        return ga != gb ? ga < gb : accounts[a].isNewer(than: accounts[b])
    }
    var kept: [Int] = []
    var removed: [Int] = []
    kept.reserveCapacity(ordered.count)
    var currentGroup: Int64? = nil
    var taken = 0
    for i in ordered {
        let g = group(accounts[i])
        if g != currentGroup { currentGroup = g; taken = 0 }
        if taken < cap { kept.append(i); taken += 1 } else { removed.append(i) }
    }
    return (kept.sorted(), removed.sorted())
}
