/// C2 (八、二): an empty replace permit (补换领牌证在线办理) is granted (`Y`) to accounts
/// registered before the cutover; after it, `Y` for legal_person and admin, `N` for ordinary.
/// A non-empty permit is kept.
func applyC2(_ permit: ReplacePermit, role: AccountRole, registeredBeforeCutover: Bool) -> ReplacePermit {
    guard permit == .unset else { return permit }
    if registeredBeforeCutover { return .yes }
    switch role {
    case .legalPerson, .admin: return .yes
    case .ordinary, .legacy: return .no
    }
}

extension RuleWording {
    static let C2 = RuleWording(label: "补换领牌证权限", section: "八.三")
}
