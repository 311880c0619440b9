/// C1 (八、二): an empty role becomes `legal_person` for a legal-person account, else
/// `ordinary`. Conversion never makes an `admin` (administrators register at a window);
/// a non-empty role is kept.
func applyC1(_ role: AccountRole, isLegalPersonAccount: Bool) -> AccountRole {
    guard role == .legacy else { return role }
    return isLegalPersonAccount ? .legalPerson : .ordinary
}

extension RuleWording {
    static let C1 = RuleWording(label: "账号类型转换（法人/普通用户）", section: "八.二")
}
