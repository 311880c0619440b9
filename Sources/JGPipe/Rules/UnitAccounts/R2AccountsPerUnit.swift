/// R2 (八、一 "同一单位注册用户超过10个的，仅保留最新10个账号"): at most `cap` accounts per unit —
/// keep the newest `cap` survivors of R1. Every active account counts, legal-person accounts too:
/// the notice exempts them only from R3.
///
/// `r2_spares_legal_person` (SPEC §1, for a jurisdiction that reads 八.一 so) keeps the unit's
/// legal-person accounts first — the newest `cap` of them — and fills the rest of the cap with
/// the newest others.
func applyR2(_ survivors: [Int32], _ accounts: [UnitAccount], cap: Int,
                    sparing isLegalPersonAccount: [Bool]? = nil) -> (kept: [Int32], removed: [Int32]) {
    guard let isLegalPersonAccount else {
        return keepNewest(survivors, of: accounts, cap: cap, buckets: .unit) { _ in 0 }
    }
    let legal = keepNewest(survivors.filter { isLegalPersonAccount[Int($0)] }, of: accounts, cap: cap,
                           buckets: .unit) { _ in 0 }
    // The room each unit has left for its other accounts; the group key is the unit.
    var room: [Int: Int] = [:]
    for i in legal.kept { room[Int(accounts[Int(i)].unit), default: cap] -= 1 }
    let left = room
    let others = keepNewest(survivors.filter { !isLegalPersonAccount[Int($0)] }, of: accounts, cap: cap,
                            buckets: .unit, capOfGroup: { left[Int($0)] ?? cap }) { UInt64($0.unit) }
    return ((legal.kept + others.kept).sorted(), (legal.removed + others.removed).sorted())
}

extension CleanupRule {
    static func r2Reason(_ caps: CleanupCaps) -> String {
        caps.r2SparesLegalPerson
            ? "单位注册账号超过\(caps.perUnit)个，优先保留法人账号，其余保留最新注册的账号，共保留\(caps.perUnit)个"
            : "单位注册账号超过\(caps.perUnit)个，保留最新注册的\(caps.perUnit)个"
    }
}

extension RuleWording {
    static let R2 = RuleWording(label: "每单位账号数上限", section: "八.一")
}
