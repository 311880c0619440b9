/// R2 (八、一): at most 10 accounts per unit — keep the newest 10 survivors of R1. Every
/// active account counts, legal-person accounts too: the notice exempts them only from R3.
public func applyR2(_ survivors: [Int32], _ accounts: [UnitAccount], cap: Int) -> (kept: [Int32], removed: [Int32]) {
    keepNewest(survivors, of: accounts, cap: cap, buckets: .unit) { _ in 0 }
}
