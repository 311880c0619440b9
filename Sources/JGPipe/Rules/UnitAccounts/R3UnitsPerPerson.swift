/// R3 (八、一): at most 3 units per person, legal-person accounts excepted — among a holder's
/// surviving accounts that are not legal-person accounts, keep the newest 3. Legal-person
/// accounts are never removed here and do not count towards the 3.
func applyR3(_ survivors: [Int32], _ accounts: [UnitAccount], isLegalPersonAccount: [Bool],
                    cap: Int) -> (kept: [Int32], removed: [Int32]) {
    let counted = survivors.filter { !isLegalPersonAccount[Int($0)] }
    let removed = keepNewest(counted, of: accounts, cap: cap, buckets: .groupKey) { $0.holder }.removed
    var isRemoved = [Bool](repeating: false, count: accounts.count)
    for i in removed { isRemoved[Int(i)] = true }
    return (survivors.filter { !isRemoved[Int($0)] }, removed)
}

extension CleanupRule {
    static func r3Reason(_ caps: CleanupCaps) -> String {
        "同一人注册单位超过\(caps.unitsPerPerson)个（单位法人账号除外），保留最新注册的\(caps.unitsPerPerson)个"
    }
}

extension RuleWording {
    static let R3 = RuleWording(label: "每人注册单位数上限（法人账号除外）", section: "八.一")
}
