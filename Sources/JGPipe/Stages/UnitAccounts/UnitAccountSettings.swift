/// SPEC §1 caps and the R2 reading from `[unit_accounts]`.
extension CleanupCaps {
    init(_ table: SettingsTable) throws {
        self.init(perPersonPerUnit: try table.int("max_accounts_per_person_per_unit", default: 1, range: 1...1000),
                  perUnit: try table.int("max_accounts_per_unit", default: 10, range: 1...100_000),
                  unitsPerPerson: try table.int("max_units_per_person", default: 3, range: 1...100_000),
                  r2SparesLegalPerson: try table.bool("r2_spares_legal_person", default: false))
    }

    /// The `{placeholder}` values of the caps, for the unit notices (SPEC §4 "Wording").
    func placeholder(_ key: String) -> String? {
        switch key {
        case "max_accounts_per_person_per_unit": String(perPersonPerUnit)
        case "max_accounts_per_unit": String(perUnit)
        case "max_units_per_person": String(unitsPerPerson)
        default: nil
        }
    }

    /// The R2 reading that ran, as the summary names it.
    var r2Reading: String { r2SparesLegalPerson ? "legal_person_accounts_spared" : "every_account_counts" }
}
