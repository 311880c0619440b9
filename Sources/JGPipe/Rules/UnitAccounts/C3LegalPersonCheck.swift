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
