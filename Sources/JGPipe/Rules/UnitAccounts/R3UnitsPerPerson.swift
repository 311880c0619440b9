/// R3 (八、一): at most 3 units per person, legal-person accounts excepted — among a holder's
/// surviving accounts that are not legal-person accounts, keep the newest 3. Legal-person
/// accounts are never removed here and do not count towards the 3.
public func applyR3(_ survivors: [Int], _ accounts: [RuleAccount], isLegalPersonAccount: [Bool],
                    cap: Int) -> (kept: [Int], removed: [Int]) {
    let counted = survivors.filter { !isLegalPersonAccount[$0] }
    let result = keepNewest(counted, of: accounts, cap: cap) { Int64($0.holder) }
    let exempt = survivors.filter { isLegalPersonAccount[$0] }
    return ((result.kept + exempt).sorted(), result.removed)
}
