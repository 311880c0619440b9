/// R1 → R2 → R3, each on the survivors of the one before, then C1 and C2 on the accounts still
/// active. Disabled accounts pass through unchanged. Pure: no file, clock or database.
public func cleanUpAccounts(_ accounts: [UnitAccount], unitLegalPerson: [UInt64], caps: CleanupCaps,
                            cutover: Int64) -> [AccountDecision] {
    var decisions = accounts.map { account in
        AccountDecision(status: account.isActive ? .active : .disabled, role: account.role, permit: account.permit,
                        removedBy: nil)
    }
    func remove(_ removed: [Int32], by rule: CleanupRule) {
        for i in removed.lazy.map({ Int($0) }) {
            decisions[i].status = .disabled
            decisions[i].removedBy = rule
        }
    }
    // Each step's candidates replace the last ones: a dump of millions keeps one list alive.
    let legal = accounts.map { isLegalPersonAccount($0, unitLegalPerson: unitLegalPerson) }
    var survivors = accounts.indices.filter { accounts[$0].isActive }.map { Int32($0) }
    var step = applyR1(survivors, accounts, cap: caps.perPersonPerUnit)
    remove(step.removed, by: .r1)
    survivors = step.kept
    step = applyR2(survivors, accounts, cap: caps.perUnit, sparing: caps.r2SparesLegalPerson ? legal : nil)
    remove(step.removed, by: .r2)
    survivors = step.kept
    step = applyR3(survivors, accounts, isLegalPersonAccount: legal, cap: caps.unitsPerPerson)
    remove(step.removed, by: .r3)

    for i in step.kept.lazy.map({ Int($0) }) {
        let role = applyC1(accounts[i].role, isLegalPersonAccount: legal[i])
        decisions[i].role = role
        decisions[i].permit = applyC2(accounts[i].permit, role: role,
                                            registeredBeforeCutover: accounts[i].registeredAt < cutover)
    }
    return decisions
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
