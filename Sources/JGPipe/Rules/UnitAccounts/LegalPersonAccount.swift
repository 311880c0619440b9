/// SPEC §1: a legal-person account has role `legal_person`, or an empty role and the unit's
/// legal person as holder (a 15-digit number matches its 18-digit form: both are converted).
public func isLegalPersonAccount(_ account: UnitAccount, unitLegalPerson: [UInt64]) -> Bool {
    switch account.role {
    case .legalPerson: true
    case .legacy: account.holder == unitLegalPerson[Int(account.unit)]
    case .admin, .ordinary: false
    }
}
