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
/// Indices are `Int32`: half the memory of `Int` on millions of accounts. When the group starts
/// with the unit (`byUnit`, R1 and R2), candidates are first bucketed by unit in one counting pass
/// and only each unit's handful is sorted, instead of one sort of millions.
func keepNewest(_ candidates: [Int32], of accounts: [UnitAccount], cap: Int, byUnit: Bool = false,
                groupedBy group: (UnitAccount) -> (UInt64, UInt64)) -> (kept: [Int32], removed: [Int32]) {
    let inOrder = { (a: Int32, b: Int32) -> Bool in
        let x = accounts[Int(a)], y = accounts[Int(b)]
        let gx = group(x), gy = group(y)
        return gx != gy ? gx < gy : x.isNewer(than: y)
    }
    var ordered: [Int32]
    if byUnit {
        let unitCount = Int(candidates.lazy.map { accounts[Int($0)].unit }.max() ?? -1) + 1
        var starts = [Int](repeating: 0, count: unitCount + 1)
        for i in candidates { starts[Int(accounts[Int(i)].unit) + 1] += 1 }
        for u in 0..<unitCount { starts[u + 1] += starts[u] }
        ordered = [Int32](repeating: 0, count: candidates.count)
        var next = starts
        for i in candidates {
            let u = Int(accounts[Int(i)].unit)
            ordered[next[u]] = i
            next[u] += 1
        }
        for u in 0..<unitCount where starts[u + 1] - starts[u] > 1 {
            ordered[starts[u]..<starts[u + 1]].sort(by: inOrder)
        }
    } else {
        ordered = candidates
        ordered.sort(by: inOrder)
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
