/// R3 (八、一): at most 3 units per person, legal-person accounts excepted — among a holder's
/// surviving accounts that are not legal-person accounts, keep the newest 3. Legal-person
/// accounts are never removed here and do not count towards the 3.
public func applyR3(_ survivors: [Int], _ accounts: [UnitAccount], isLegalPersonAccount: [Bool],
                    cap: Int) -> (kept: [Int], removed: [Int]) {
    let counted = survivors.filter { !isLegalPersonAccount[$0] }
    let removed = keepNewest(counted, of: accounts, cap: cap) { ($0.holder, 0) }.removed
    var isRemoved = [Bool](repeating: false, count: accounts.count)
    for i in removed { isRemoved[i] = true }
    return (survivors.filter { !isRemoved[$0] }, removed)
}
