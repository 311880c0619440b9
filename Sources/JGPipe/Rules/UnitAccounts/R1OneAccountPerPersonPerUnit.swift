/// R1 (八、一): one account per person per unit — among active accounts with the same
/// (unit, holder), keep the newest.
public func applyR1(_ active: [Int32], _ accounts: [UnitAccount], cap: Int) -> (kept: [Int32], removed: [Int32]) {
    keepNewest(active, of: accounts, cap: cap, buckets: .unit) { $0.holder }
}
