public enum LegalPersonCoverage: Sendable, Equatable {
    case none, one, several
}

/// C3 (八、二): per unit, how many active accounts hold the `legal_person` role after
/// conversion. `none` is notified (UNIT_NO_LEGAL_PERSON); `several` is a warning.
func applyC3(unitCount: Int,
                                activeRoles: some Sequence<(unit: Int32, role: AccountRole)>) -> [LegalPersonCoverage] {
    var counts = [Int](repeating: 0, count: unitCount)
    for (unit, role) in activeRoles where role == .legalPerson { counts[Int(unit)] += 1 }
    return counts.map { $0 == 0 ? .none : $0 == 1 ? .one : .several }
}

extension RuleWording {
    static let C3 = RuleWording(label: "单位应有法人账号", section: "八.二")
}

extension NoticeWording {
    /// 八、二: legal-person and admin accounts are registered at the local traffic-police window, not online.
    static let unitNoLegalPerson = NoticeWording(
        "【交管12123】{unit_name}：自{cutover_date}起，单位用户账号分为法人、管理员和普通用户三类。贵单位目前没有法人账号，请法定代表人先注册“交管12123”个人账号，再到属地公安交管部门业务窗口办理单位法人账号注册。",
        placeholders: unitPlaceholders)
}
