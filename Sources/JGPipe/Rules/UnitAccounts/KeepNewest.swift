/// The rules that remove accounts (R1–R3), in the order they apply.
public enum CleanupRule: String, Sendable, CaseIterable {
    case r1 = "R1", r2 = "R2", r3 = "R3"

    public var id: RuleID {
        switch self {
        case .r1: .R1
        case .r2: .R2
        case .r3: .R3
        }
    }

    /// The removal export's sentence, naming the caps in force (each rule's file words its own).
    public func reason(_ caps: CleanupCaps) -> String {
        switch self {
        case .r1: CleanupRule.r1Reason(caps)
        case .r2: CleanupRule.r2Reason(caps)
        case .r3: CleanupRule.r3Reason(caps)
        }
    }
}

/// SPEC §1 caps and the R2 reading, from the pipeline file's `[unit_accounts]` table.
public struct CleanupCaps: Sendable, Equatable {
    public var perPersonPerUnit = 1
    public var perUnit = 10
    public var unitsPerPerson = 3
    /// `r2_spares_legal_person`: R2 keeps a unit's legal-person accounts first (see R2).
    public var r2SparesLegalPerson = false

    public init(perPersonPerUnit: Int = 1, perUnit: Int = 10, unitsPerPerson: Int = 3, r2SparesLegalPerson: Bool = false) {
        self.perPersonPerUnit = perPersonPerUnit
        self.perUnit = perUnit
        self.unitsPerPerson = unitsPerPerson
        self.r2SparesLegalPerson = r2SparesLegalPerson
    }
}

/// How `keepNewest` spreads its candidates before sorting; a group never spans two buckets.
enum CandidateBuckets {
    /// One bucket per unit (R1, R2): the group key tells groups apart inside a unit.
    case unit
    /// Buckets by a hash of the group key (R3): groups are the accounts with equal keys.
    case groupKey
}

/// The shared mechanism of R1–R3: within each group keep the `cap` newest candidates.
/// Candidates are spread into buckets in one counting pass, and each bucket with more than `cap`
/// candidates is sorted by (group, newest first, index): keys copied out of the records, so a
/// comparison reads no record and calls no closure, and a total order, so the result depends
/// neither on the sort algorithm nor on the input order. Both lists come back in ascending
/// index order. Indices are `Int32`: half the memory of `Int` on millions of accounts.
/// `capOfGroup`, when given, lowers the cap of a group below `cap` (R2 sparing legal persons).
func keepNewest(_ candidates: [Int32], of accounts: [UnitAccount], cap: Int, buckets: CandidateBuckets,
                capOfGroup: (@Sendable (UInt64) -> Int)? = nil,
                groupedBy group: @Sendable (UnitAccount) -> UInt64) -> (kept: [Int32], removed: [Int32]) {
    let (ordered, starts) = spread(candidates, of: accounts, into: buckets, groupedBy: group)
    let bucketCount = starts.count - 1
    // Buckets are independent: two halves (by candidates) are sorted at once, each listing the
    // candidates it removes. Reading the records in bucket order waits on memory, which two cores overlap.
    let halves = candidates.count < 1 << 14 ? 1 : 2
    let middle = halves == 1 ? bucketCount : min(starts.partitioningIndex { Int($0) >= candidates.count / 2 }, bucketCount)
    let splits = [0, middle, bucketCount]
    let removedByHalf = inHalves(halves) { half in
        var keys: [NewestKey] = []
        var removed: [Int32] = []
        for b in splits[half]..<splits[half + 1] where Int(starts[b + 1] - starts[b]) > (capOfGroup == nil ? cap : 0) {
            keys.removeAll(keepingCapacity: true)
            for i in ordered[Int(starts[b])..<Int(starts[b + 1])] {
                let account = accounts[Int(i)]
                keys.append(NewestKey(group: group(account), account: account, index: i))
            }
            keys.sort()
            var taken = 0, groupCap = cap
            for k in keys.indices {
                if k == 0 || keys[k].group != keys[k - 1].group {
                    taken = 0
                    groupCap = capOfGroup.map { min(cap, $0(keys[k].group)) } ?? cap
                }
                if taken < groupCap { taken += 1 } else { removed.append(keys[k].index) }
            }
        }
        return removed
    }
    var removedMask = [Bool](repeating: false, count: accounts.count)
    for removed in removedByHalf {
        for i in removed { removedMask[Int(i)] = true }
    }
    return (candidates.filter { !removedMask[Int($0)] }, candidates.filter { removedMask[Int($0)] })
}

/// The candidates bucket by bucket (a counting sort), and where each bucket starts in that list.
private func spread(_ candidates: [Int32], of accounts: [UnitAccount], into buckets: CandidateBuckets,
                    groupedBy group: (UnitAccount) -> UInt64) -> (ordered: [Int32], starts: [Int32]) {
    let bucketCount: Int
    var shift: UInt64 = 63
    switch buckets {
    case .unit:
        bucketCount = Int(candidates.lazy.map { accounts[Int($0)].unit }.max() ?? -1) + 1
    case .groupKey:
        // One or two candidates a bucket: most buckets then hold no more than `cap` and are skipped.
        while shift > 42 && 2 << (64 - shift) < candidates.count { shift -= 1 }
        bucketCount = 1 << (64 - shift)
    }
    func bucket(_ account: UnitAccount) -> Int {
        switch buckets {
        case .unit: Int(account.unit)
        case .groupKey: Int(truncatingIfNeeded: (group(account) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }
    }
    var starts = [Int32](repeating: 0, count: bucketCount + 1)
    for i in candidates { starts[bucket(accounts[Int(i)]) + 1] += 1 }
    for b in 0..<bucketCount { starts[b + 1] += starts[b] }
    var ordered = [Int32](repeating: 0, count: candidates.count)
    var next = starts
    for i in candidates {
        let b = bucket(accounts[Int(i)])
        ordered[Int(next[b])] = i
        next[b] += 1
    }
    return (ordered, starts)
}

extension Collection {
    /// The first index whose element satisfies `predicate`, in a collection where it holds for
    /// a suffix (binary search); `endIndex` if none does.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if predicate(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}

/// A candidate as `keepNewest` sorts it: ascending order is group, then SPEC §1 "newest" first
/// (registered_at descending, then account id descending), then index.
struct NewestKey: Comparable {
    let group: UInt64
    /// `registeredAt` mapped so that the newest is the smallest.
    let age: UInt64
    /// `idKey` mapped so that the largest is the smallest.
    let idRank: UInt64
    let index: Int32

    init(group: UInt64, account: UnitAccount, index: Int32) {
        self.group = group
        age = ~(UInt64(bitPattern: account.registeredAt) ^ (1 << 63))
        idRank = ~account.idKey
        self.index = index
    }

    static func < (a: NewestKey, b: NewestKey) -> Bool {
        if a.group != b.group { return a.group < b.group }
        if a.age != b.age { return a.age < b.age }
        if a.idRank != b.idRank { return a.idRank < b.idRank }
        return a.index < b.index
    }
}
