import Testing
@testable import JGPipe

/// `keepNewest` buckets and sorts packed keys; these cases hold it against the plain statement
/// of the rule on random dumps large enough for many buckets, crowded buckets and ties.
@Suite("keepNewest against a plain implementation") struct KeepNewestTests {
    /// Few units, holders and days, so groups are crowded and registered_at ties are common;
    /// some id keys repeat too (not in production, where ids are unique), down to the index.
    static func dump(seed: UInt64, count: Int) -> [UnitAccount] {
        var random = SplitMix(seed: seed)
        return (0..<count).map { _ in
            UnitAccount(unit: Int32.random(in: 0..<40, using: &random), holder: UInt64.random(in: 0..<300, using: &random),
                        registeredAt: Int64.random(in: -5...20, using: &random) * 86_400,
                        idKey: UInt64.random(in: 0..<2_000, using: &random) | (Bool.random(using: &random) ? 1 << 63 : 0),
                        status: .active, role: .legacy, permit: .unset)
        }
    }

    /// The rule as the SPEC states it: per group, newest first (ties by index), keep `cap`.
    static func plain(_ candidates: [Int32], _ accounts: [UnitAccount], cap: Int,
                      group: (UnitAccount) -> [UInt64]) -> [Int32] {
        var groups: [[UInt64]: [Int32]] = [:]
        for i in candidates { groups[group(accounts[Int(i)]), default: []].append(i) }
        var removed: [Int32] = []
        for members in groups.values {
            let newestFirst = members.sorted { a, b in
                let x = accounts[Int(a)], y = accounts[Int(b)]
                if x.isNewer(than: y) != y.isNewer(than: x) { return x.isNewer(than: y) }
                return a < b
            }
            removed += newestFirst.dropFirst(cap)
        }
        return removed.sorted()
    }

    @Test(arguments: [(UInt64(1), 1), (2, 2), (3, 3)])
    func r1MatchesThePlainRule(seed: UInt64, cap: Int) {
        let accounts = Self.dump(seed: seed, count: 5_000)
        let candidates = all(accounts).filter { $0 % 5 != 0 }
        let result = applyR1(candidates, accounts, cap: cap)
        #expect(result.removed == Self.plain(candidates, accounts, cap: cap) { [UInt64($0.unit), $0.holder] })
        #expect(result.kept == candidates.filter { !result.removed.contains($0) })
    }

    @Test(arguments: [(UInt64(4), 10), (5, 30), (6, 200)])
    func r2MatchesThePlainRule(seed: UInt64, cap: Int) {
        let accounts = Self.dump(seed: seed, count: 5_000)
        let result = applyR2(all(accounts), accounts, cap: cap)
        #expect(result.removed == Self.plain(all(accounts), accounts, cap: cap) { [UInt64($0.unit)] })
    }

    @Test(arguments: [(UInt64(7), 3), (8, 1), (9, 20)])
    func r3MatchesThePlainRule(seed: UInt64, cap: Int) {
        let accounts = Self.dump(seed: seed, count: 5_000)
        let legal = accounts.indices.map { $0 % 7 == 0 }
        let result = applyR3(all(accounts), accounts, isLegalPersonAccount: legal, cap: cap)
        let counted = all(accounts).filter { !legal[Int($0)] }
        #expect(result.removed == Self.plain(counted, accounts, cap: cap) { [$0.holder] })
    }

    @Test func largeDumpsSortTheirBucketsInTwoHalvesWithTheSameResult() {
        // Enough candidates for the two halves; more units and holders than `dump` makes.
        var random = SplitMix(seed: 11)
        let accounts = (0..<60_000).map { _ in
            UnitAccount(unit: Int32.random(in: 0..<6_000, using: &random), holder: UInt64.random(in: 0..<20_000, using: &random),
                        registeredAt: Int64.random(in: 0...30, using: &random) * 86_400,
                        idKey: UInt64.random(in: 0..<1_000_000, using: &random), status: .active, role: .legacy, permit: .unset)
        }
        let r1 = applyR1(all(accounts), accounts, cap: 1)
        #expect(r1.removed == Self.plain(all(accounts), accounts, cap: 1) { [UInt64($0.unit), $0.holder] })
        let r2 = applyR2(r1.kept, accounts, cap: 8)
        #expect(r2.removed == Self.plain(r1.kept, accounts, cap: 8) { [UInt64($0.unit)] })
        let legal = accounts.indices.map { $0 % 11 == 0 }
        let r3 = applyR3(r2.kept, accounts, isLegalPersonAccount: legal, cap: 3)
        #expect(r3.removed == Self.plain(r2.kept.filter { !legal[Int($0)] }, accounts, cap: 3) { [$0.holder] })
        #expect(!r1.removed.isEmpty && !r2.removed.isEmpty && !r3.removed.isEmpty)
    }

    @Test func oneHolderInEveryUnitIsOneR3Group() {
        // A single group far larger than any bucket: sorted as a whole.
        let accounts = (0..<3_000).map { i in
            UnitAccount(unit: Int32(i), holder: 42, registeredAt: Int64(i % 97) * 60, idKey: UInt64(i),
                        status: .active, role: .legacy, permit: .unset)
        }
        let result = applyR3(all(accounts), accounts, isLegalPersonAccount: accounts.map { _ in false }, cap: 3)
        #expect(result.kept.count == 3)
        #expect(result.removed == Self.plain(all(accounts), accounts, cap: 3) { [$0.holder] })
    }

    @Test func decisionsDoNotDependOnInputOrderOnALargeDump() {
        // Unique id keys, as production has: then nothing but the records decides.
        var accounts = Self.dump(seed: 10, count: 4_000)
        for i in accounts.indices { accounts[i].idKey = UInt64(i) * 7_919 % 100_003 }
        let caps = CleanupCaps()
        let forward = cleanUpAccounts(accounts, unitLegalPerson: (0..<40).map { UInt64($0 * 7) }, caps: caps, cutover: 0)
        var random = SplitMix(seed: 99)
        let order = accounts.indices.shuffled(using: &random)
        let shuffled = cleanUpAccounts(order.map { accounts[$0] }, unitLegalPerson: (0..<40).map { UInt64($0 * 7) },
                                       caps: caps, cutover: 0)
        for (position, original) in order.enumerated() {
            #expect(shuffled[position] == forward[original])
        }
        #expect(forward.contains { $0.removedBy == .r1 } && forward.contains { $0.removedBy == .r2 }
                && forward.contains { $0.removedBy == .r3 })
    }
}
