/// `unit_contact_list.csv` (SPEC §1): the call list of 八.一 (各支队要于6月20日前…主动联系告知相关单位),
/// one row per unit that loses accounts or has no legal-person account after the cleanup — the
/// units that get a notice — in (detachment_code, unit_code) order.
struct UnitContactList {
    static let fileName = "unit_contact_list.csv"
    static let columns = [
        "detachment_code", "detachment_name", "unit_code", "unit_name", "contact_phone", "contact_phone_kind",
        "legal_person_name", "legal_person_phone", "admin_phones", "removed_R1", "removed_R2", "removed_R3",
        "accounts_kept", "loses_legal_person", "no_legal_person", "sms_reachable", "contacted_on", "outcome",
    ]

    /// Per unit: the account whose phone is the legal person's, or -1. The newest active
    /// legal-person account after the cleanup; when none is left, the newest one R1–R3 removed
    /// (the legal person to call about the account the unit loses). docs/rules/unit-accounts.md.
    private var legalPersonAccount: [Int32]
    /// Per unit: whether R1–R3 removed one of its legal-person accounts.
    private var lostLegalPerson: [Bool]
    /// (unit, account) of every active admin account after the cleanup, in (unit, account id) order.
    private var admins: [(unit: Int32, idKey: UInt64, account: Int32)] = []

    init(_ accounts: [UnitAccount], _ decisions: [AccountDecision], unitLegalPerson: [UInt64]) {
        let unitCount = unitLegalPerson.count
        legalPersonAccount = [Int32](repeating: -1, count: unitCount)
        lostLegalPerson = [Bool](repeating: false, count: unitCount)
        var keptLegalPerson = [Bool](repeating: false, count: unitCount)
        for (i, (account, decision)) in zip(accounts, decisions).enumerated() {
            let u = Int(account.unit)
            let kept = decision.status == .active
            if kept && decision.role == .admin { admins.append((account.unit, account.idKey, Int32(i))) }
            guard kept || decision.removedBy != nil, isLegalPersonAccount(account, unitLegalPerson: unitLegalPerson) else {
                continue
            }
            if !kept { lostLegalPerson[u] = true }
            // A kept account beats a removed one; among equals the newest.
            let current = legalPersonAccount[u]
            if current < 0 || (kept && !keptLegalPerson[u])
                || (kept == keptLegalPerson[u] && account.isNewer(than: accounts[Int(current)])) {
                legalPersonAccount[u] = Int32(i)
                keptLegalPerson[u] = kept
            }
        }
        admins.sort { ($0.unit, $0.idKey, $0.account) < ($1.unit, $1.idKey, $1.account) }
    }

    /// Writes the list; `units` in output order, only those with an account and a notice.
    func write(units: LoadedDataset<Unit>, accounts: RowStore, unitOrder: [Int32],
               detachment: [String], tallies: UnitTallies, coverage: [LegalPersonCoverage], context: RunContext) throws {
        typealias UnitColumn = UnitValidator.Column
        let phoneColumn = UnitAccountValidator.Column.holderPhone
        let writer = try context.staging.csv(Self.fileName, header: Self.columns)
        // Admins of unit u: admins[adminStart[u]..<adminStart[u + 1]].
        var adminStart = [Int](repeating: 0, count: units.records.count + 1)
        for admin in admins { adminStart[Int(admin.unit) + 1] += 1 }
        for u in units.records.indices { adminStart[u + 1] += adminStart[u] }
        let yes = { (flag: Bool) in flag ? "Y" : "N" }
        for u in unitOrder.lazy.map({ Int($0) }) where tallies.accounts[u] > 0 {
            let removed = CleanupRule.allCases.map { tallies.removed[$0.position][u] }
            let noLegalPerson = coverage[u] == .none
            guard removed.contains(where: { $0 > 0 }) || noLegalPerson else { continue }
            let contactPhone = units.store.field(u, UnitColumn.phone)
            let legalPersonPhone = legalPersonAccount[u] < 0 ? "" : accounts.field(Int(legalPersonAccount[u]), phoneColumn)
            var adminPhones: [String] = []
            for admin in admins[adminStart[u]..<adminStart[u + 1]] {
                let phone = accounts.field(Int(admin.account), phoneColumn)
                if !phone.isEmpty && !adminPhones.contains(phone) { adminPhones.append(phone) }
            }
            let reachable = ([contactPhone, legalPersonPhone] + adminPhones).contains { PhoneKind($0).isSMSReachable }
            let code = detachment[u]
            try writer.writeRow([
                code, context.settings.detachments.name(of: code), units.store.field(u, UnitColumn.code),
                units.store.field(u, UnitColumn.name), contactPhone, PhoneKind(contactPhone).rawValue,
                units.store.field(u, UnitColumn.legalName), legalPersonPhone, adminPhones.joined(separator: ";"),
            ] + removed.map(String.init) + [
                String(tallies.activeAfter[u]), yes(noLegalPerson && lostLegalPerson[u]), yes(noLegalPerson),
                yes(reachable), "", "",
            ])
        }
        try writer.close()
    }
}
