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
/// Candidates (ascending indices) are sorted by (group, newest first), so the result does not
/// depend on input order; both lists come back in ascending index order.
/// Indices are `Int32`: half the memory of `Int` on millions of accounts.
func keepNewest(_ candidates: [Int32], of accounts: [UnitAccount], cap: Int,
                groupedBy group: (UnitAccount) -> (UInt64, UInt64)) -> (kept: [Int32], removed: [Int32]) {
    var ordered = candidates
    ordered.sort { a, b in
        let x = accounts[Int(a)], y = accounts[Int(b)]
        let gx = group(x), gy = group(y)
        return gx != gy ? gx < gy : x.isNewer(than: y)
    }
    var removedMask = [Bool](repeating: false, count: accounts.count)
    var currentGroup: (UInt64, UInt64)? = nil
    var taken = 0
    for i in ordered {
        let g = group(accounts[Int(i)])
        if currentGroup == nil || g != currentGroup! { currentGroup = g; taken = 0 }
        if taken < cap { taken += 1 } else { removedMask[Int(i)] = true }
    }
    return (candidates.filter { !removedMask[Int($0)] }, candidates.filter { removedMask[Int($0)] })
}
