/// R1 → R2 → R3, each on the survivors of the one before, then C1 and C2 on the accounts still
/// active. Disabled accounts pass through unchanged. Pure: no file, clock or database.
///
/// The steps are two functions, so that the Spark engine runs them where their groups meet
/// (docs/SCALE-OUT.md): `cleanUpInUnits` (R1, R2) needs every account of a unit,
/// `cleanUpAcrossUnits` (R3, C1, C2) every account of a person; here they run on the whole dump.
public func cleanUpAccounts(_ accounts: [UnitAccount], unitLegalPerson: [UInt64], caps: CleanupCaps,
                            cutover: Int64) -> [AccountDecision] {
    let legal = accounts.map { isLegalPersonAccount($0, unitLegalPerson: unitLegalPerson) }
    var decisions = initialDecisions(accounts)
    cleanUpInUnits(accounts, isLegalPersonAccount: legal, caps: caps, decisions: &decisions)
    cleanUpAcrossUnits(accounts, isLegalPersonAccount: legal, caps: caps, cutover: cutover, decisions: &decisions)
    return decisions
}

/// Each account as read: active or disabled, its role and permit, no rule.
func initialDecisions(_ accounts: [UnitAccount]) -> [AccountDecision] {
    accounts.map { account in
        AccountDecision(status: account.isActive ? .active : .disabled, role: account.role, permit: account.permit,
                        removedBy: nil)
    }
}

/// The accounts `decisions` still has active, in index order.
private func stillActive(_ decisions: [AccountDecision]) -> [Int32] {
    decisions.indices.filter { decisions[$0].status == .active }.map { Int32($0) }
}

private func remove(_ removed: [Int32], by rule: CleanupRule, from decisions: inout [AccountDecision]) {
    for i in removed.lazy.map({ Int($0) }) {
        decisions[i].status = .disabled
        decisions[i].removedBy = rule
    }
}

/// R1 then R2 on the accounts `decisions` has active. Needs every account of each unit in
/// `accounts`, and nothing else of the dump.
func cleanUpInUnits(_ accounts: [UnitAccount], isLegalPersonAccount legal: [Bool], caps: CleanupCaps,
                    decisions: inout [AccountDecision]) {
    let step = applyR1(stillActive(decisions), accounts, cap: caps.perPersonPerUnit)
    remove(step.removed, by: .r1, from: &decisions)
    // Each step's candidates replace the last ones: a dump of millions keeps one list alive.
    let r2 = applyR2(step.kept, accounts, cap: caps.perUnit, sparing: caps.r2SparesLegalPerson ? legal : nil)
    remove(r2.removed, by: .r2, from: &decisions)
}

/// R3 on the accounts `decisions` has active (the survivors of R1 and R2), then C1 and C2 on
/// those it keeps. Needs every account of each person in `accounts`, and nothing else.
func cleanUpAcrossUnits(_ accounts: [UnitAccount], isLegalPersonAccount legal: [Bool], caps: CleanupCaps,
                        cutover: Int64, decisions: inout [AccountDecision]) {
    let step = applyR3(stillActive(decisions), accounts, isLegalPersonAccount: legal, cap: caps.unitsPerPerson)
    remove(step.removed, by: .r3, from: &decisions)
    for i in step.kept.lazy.map({ Int($0) }) {
        let role = applyC1(accounts[i].role, isLegalPersonAccount: legal[i])
        decisions[i].role = role
        decisions[i].permit = applyC2(accounts[i].permit, role: role,
                                      registeredBeforeCutover: accounts[i].registeredAt < cutover)
    }
}


extension NoticeWording {
    /// What the unit account stage fills in a unit notice (R1–R3, C3): the unit, the count of its
    /// removed accounts, the caps in force and the dates.
    static let unitPlaceholders = [
        "unit_name", "unit_code", "you", "count", "max_accounts_per_person_per_unit", "max_accounts_per_unit",
        "max_units_per_person", "cutover_date", "notice_deadline", "due_on", "disable_on", "effective_on",
    ]

    /// 八、一: before the cutover, while the notice deadline is ahead: the caps, the count, the cutover, check by the deadline (due_on).
    static let unitAccountsCleanup = NoticeWording(
        "【交管12123】{unit_name}：根据公安交管便民利企改革新措施，自{cutover_date}起，每人在同一单位限注册{max_accounts_per_person_per_unit}个账号，每个单位不超过{max_accounts_per_unit}个，每人不超过{max_units_per_person}个单位（法人账号除外）。贵单位有{count}个单位注册用户账号不符合规定，届时将停用。请于{due_on}前登录“交管12123”核对。",
        variants: [
            // 八、一: before the cutover, the notice deadline passed: due_on is the cutover, named once.
            .init(key: "UNIT_ACCOUNTS_CLEANUP_AFTER_DEADLINE", text: "【交管12123】{unit_name}：根据公安交管便民利企改革新措施，每人在同一单位限注册{max_accounts_per_person_per_unit}个账号，每个单位不超过{max_accounts_per_unit}个，每人不超过{max_units_per_person}个单位（法人账号除外）。贵单位有{count}个单位注册用户账号不符合规定，将于{due_on}起停用，请尽快登录“交管12123”核对。"),
        ],
        placeholders: unitPlaceholders)

    /// 八、一: on or after the cutover: the accounts were disabled on E (disable_on).
    static let unitAccountsDisabled = NoticeWording(
        "【交管12123】{unit_name}：根据公安交管便民利企改革新措施，每人在同一单位限注册{max_accounts_per_person_per_unit}个账号，每个单位不超过{max_accounts_per_unit}个，每人不超过{max_units_per_person}个单位（法人账号除外）。贵单位有{count}个单位注册用户账号不符合规定，已于{disable_on}停用，详情请登录“交管12123”查看。",
        placeholders: unitPlaceholders)
}
