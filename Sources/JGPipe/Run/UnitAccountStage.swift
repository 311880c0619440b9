/// SPEC §1 caps from `[unit_accounts]`.
extension CleanupCaps {
    init(_ table: SettingsTable) throws {
        self.init(perPersonPerUnit: try table.int("max_accounts_per_person_per_unit", default: 1, range: 1...1000),
                  perUnit: try table.int("max_accounts_per_unit", default: 10, range: 1...100_000),
                  unitsPerPerson: try table.int("max_units_per_person", default: 3, range: 1...100_000))
    }
}

/// Units and unit accounts (SPEC §1, measure 八): validation, R1–R3, C1–C3, outputs and notices.
public struct UnitAccountStage: PipelineStage {
    public let name = "unit_accounts"
    let caps: CleanupCaps

    public init(settings: PipelineSettings) throws {
        caps = try CleanupCaps(settings.root.table("unit_accounts"))
    }

    /// Loads units, then accounts (checked against the units), writing both rejected files;
    /// `afterUnits` runs between the two. Nil when units are absent. Shared by `run` and `validate`.
    private func load(_ context: RunContext, afterUnits: (LoadedDataset<Unit>) throws -> Void = { _ in })
        throws -> (units: LoadedDataset<Unit>, accounts: LoadedDataset<UnitAccount>?)? {
        let accountsPath = context.inputPath("unit_accounts")
        guard let unitsPath = context.inputPath("units") else {
            if accountsPath != nil {
                throw RunError(.noInput, "\(context.settings.inputFile(for: "unit_accounts")) is present but \(context.settings.inputFile(for: "units")) is not: unit accounts are checked against their units")
            }
            return nil
        }
        let units = try context.load(unitsPath, UnitValidator())
        try context.writeRejected("units", header: units.header, rows: units.rejected)
        try afterUnits(units)
        guard let accountsPath else { return (units, nil) }
        let unitIndex = UnitIndex(codes: units.records.indices.map { units.store.field($0, UnitValidator.Column.code) })
        var accounts = try context.load(accountsPath, UnitAccountValidator(units: unitIndex))
        if accounts.records.contains(where: { $0.idKey == AccountID.unranked }) {
            let keys = AccountID.orderKeys((0..<accounts.store.count).map { accounts.store.field($0, 0) })
            for i in accounts.records.indices { accounts.records[i].idKey = keys[i] }
        }
        try context.writeRejected("unit_accounts", header: accounts.header, rows: accounts.rejected)
        return (units, accounts)
    }

    public func validate(_ context: RunContext) throws {
        _ = try load(context)
    }

    public func run(_ context: RunContext) throws {
        var detachment: [String] = []
        var loaded = try load(context) { units in
            detachment = units.records.map { context.settings.detachments.code(for: $0.region) }
            try context.writeCleaned(units, schema: UnitValidator.schema, added: ["detachment_code", "effective_on"]) { i in
                [detachment[i], context.effectiveDate.iso]
            }
        }
        // One owner for the accounts, so their memory can be given back below.
        guard let units = loaded?.units else { return }
        let loadedAccounts = loaded?.accounts
        loaded = nil
        guard var accounts = consume loadedAccounts else {
            context.addSection("units", unitSummary(units))
            return
        }

        let decisions = cleanUpAccounts(accounts.records, unitLegalPerson: units.records.map(\.legalPerson), caps: caps,
                                        cutover: DateTime(date: context.settings.cutoverDate).sortKey)
        let activeRoles = decisions.indices.lazy.filter { decisions[$0].status == .active }
            .map { (unit: accounts.records[$0].unit, role: decisions[$0].role) }
        let coverage = legalPersonCoverage(unitCount: units.records.count, activeRoles: activeRoles)

        try writeAccounts(accounts, decisions, context)
        try writeRemoved(accounts, decisions, units, detachment, context)
        let tallies = UnitTallies(accounts.records, decisions, unitCount: units.records.count)
        // The accounts' rows are written: give their memory back before the notices are built.
        accounts = LoadedDataset(records: [], lines: [], store: RowStore(width: 0), rejected: [],
                                 counts: accounts.counts, header: accounts.header)
        let notices = unitNotices(units, detachment, tallies, coverage, context)
        context.add(notices)
        context.addSection("units", unitSummary(units))
        context.addSection("unit_accounts", accountSummary(tallies, coverage, units, detachment, notices))
    }

    private func writeAccounts(_ accounts: LoadedDataset<UnitAccount>, _ decisions: [AccountDecision],
                               _ context: RunContext) throws {
        typealias Column = UnitAccountValidator.Column
        let effectiveOn = context.effectiveDate.iso
        try context.writeCleaned(accounts, schema: UnitAccountValidator.schema,
                                 added: ["cleanup_rule", "disable_on", "effective_on"],
                                 replacing: [Column.status, Column.role, Column.permit]) { i in
            let decision = decisions[i]
            return [decision.status.rawValue, decision.role.rawValue, decision.permit.rawValue,
                    decision.removedBy?.rawValue ?? "", decision.removedBy == nil ? "" : effectiveOn, effectiveOn]
        }
    }

    /// 被清理单位账号导出, ordered by detachment_code, unit_code, account_id.
    private func writeRemoved(_ accounts: LoadedDataset<UnitAccount>, _ decisions: [AccountDecision],
                              _ units: LoadedDataset<Unit>, _ detachment: [String], _ context: RunContext) throws {
        typealias Column = UnitAccountValidator.Column
        // Units ranked once by (detachment, unit code); accounts then sort on integers.
        var unitRank = [Int32](repeating: 0, count: units.records.count)
        let codes = units.records.indices.map { units.store.field($0, UnitValidator.Column.code) }
        let unitOrder = units.records.indices.sorted { (detachment[$0], codes[$0]) < (detachment[$1], codes[$1]) }
        for (rank, u) in unitOrder.enumerated() { unitRank[u] = Int32(rank) }
        let removed = decisions.indices.filter { decisions[$0].removedBy != nil }.sorted { a, b in
            let x = accounts.records[a], y = accounts.records[b]
            return (unitRank[Int(x.unit)], x.idKey) < (unitRank[Int(y.unit)], y.idKey)
        }
        let writer = try context.csv("unit_accounts.removed.csv", header: [
            "account_id", "unit_code", "unit_name", "holder_id_type", "holder_id_no", "holder_name", "holder_phone",
            "registered_at", "cleanup_rule", "reason", "disable_on", "detachment_code",
        ])
        for i in removed {
            let f = accounts.store.fields(i)
            let unit = Int(accounts.records[i].unit)
            let rule = decisions[i].removedBy!
            try writer.writeRow([
                f[Column.accountID], f[Column.unitCode], units.store.field(unit, UnitValidator.Column.name), f[Column.holderType],
                f[Column.holderNumber], f[Column.holderName], f[Column.holderPhone], f[Column.registeredAt],
                rule.rawValue, reason(rule), context.effectiveDate.iso, detachment[unit],
            ])
        }
        try writer.close()
    }

    /// The Chinese sentence of the removal export, with the caps in force.
    func reason(_ rule: CleanupRule) -> String {
        switch rule {
        case .r1: "同一人在同一单位注册了多个账号，每人每单位限\(caps.perPersonPerUnit)个，保留最新注册的账号"
        case .r2: "单位注册账号超过\(caps.perUnit)个，保留最新注册的\(caps.perUnit)个"
        case .r3: "同一人注册单位超过\(caps.unitsPerPerson)个（单位法人账号除外），保留最新注册的\(caps.unitsPerPerson)个"
        }
    }

    private func unitNotices(_ units: LoadedDataset<Unit>, _ detachment: [String], _ tallies: UnitTallies,
                             _ coverage: [LegalPersonCoverage], _ context: RunContext) -> [Notice] {
        let e = context.effectiveDate
        // SPEC §4: before the cutover, units are told by the notice deadline (八: before 20 June).
        let cleanupDue = e == context.settings.cutoverDate ? context.settings.noticeDeadline : e
        var notices: [Notice] = []
        typealias Column = UnitValidator.Column
        // A unit with no account in the dump has nothing to be "left with" (C3); see docs/rules.
        for u in units.records.indices where tallies.accounts[u] > 0 {
            func notice(_ type: String, due: CalendarDate, _ values: [String: String]) -> Notice {
                let code = units.store.field(u, Column.code), name = units.store.field(u, Column.name)
                return Notice(type: type, detachmentCode: detachment[u], recipientType: .unit, recipientID: code,
                              recipientName: name, phone: units.store.field(u, Column.phone), recordID: code, dueOn: due,
                              message: context.settings.templates.message(type, values.merging([
                                  "unit_name": name, "unit_code": code, "due_on": due.iso,
                                  "effective_on": e.iso, "disable_on": e.iso,
                              ]) { a, _ in a }))
            }
            let removed = tallies.removedInUnit(u)
            if removed > 0 {
                notices.append(notice("UNIT_ACCOUNTS_CLEANUP", due: cleanupDue, ["count": String(removed)]))
            }
            if coverage[u] == .none {
                notices.append(notice("UNIT_NO_LEGAL_PERSON", due: e, [:]))
            }
        }
        return notices
    }

    private func unitSummary(_ units: LoadedDataset<Unit>) -> JSONValue {
        .object([("invalid_contact_phone_warnings", .int(units.records.filter { !$0.phoneIsValid }.count))])
    }

    private func accountSummary(_ tallies: UnitTallies, _ coverage: [LegalPersonCoverage], _ units: LoadedDataset<Unit>,
                                _ detachment: [String], _ notices: [Notice]) -> JSONValue {
        var byDetachment: [String: [String: Int]] = [:]
        for u in units.records.indices where tallies.accounts[u] > 0 {
            var counts = byDetachment[detachment[u], default: ["C3_no_legal_person": 0]]
            counts["accounts", default: 0] += tallies.accounts[u]
            counts["active_after_cleanup", default: 0] += tallies.activeAfter[u]
            for (r, rule) in CleanupRule.allCases.enumerated() {
                counts["removed_\(rule.rawValue)", default: 0] += tallies.removed[r][u]
            }
            byDetachment[detachment[u]] = counts
        }
        for notice in notices where notice.type == "UNIT_NO_LEGAL_PERSON" {
            byDetachment[notice.detachmentCode, default: [:]]["C3_no_legal_person", default: 0] += 1
        }
        var removed = [String: Int]()
        for (r, rule) in CleanupRule.allCases.enumerated() { removed[rule.rawValue] = tallies.removed[r].reduce(0, +) }
        let several = coverage.indices.filter { coverage[$0] == .several }.map { units.store.field($0, UnitValidator.Column.code) }.sorted()
        return .object([
            ("active_before_cleanup", .int(tallies.activeBefore)),
            ("removed_by_rule", .counts(removed)),
            ("removed_total", .int(removed.values.reduce(0, +))),
            ("active_after_cleanup", .int(tallies.activeAfter.reduce(0, +))),
            ("converted", .counts(tallies.converted)),
            ("C3_units_without_legal_person", .int(notices.filter { $0.type == "UNIT_NO_LEGAL_PERSON" }.count)),
            ("C3_units_with_several_legal_persons", .array(several.map(JSONValue.string))),
            ("by_detachment", .object(byDetachment.sorted { $0.key < $1.key }.map { ($0.key, .counts($0.value)) })),
        ])
    }
}

/// Per-unit counts of the outcome, for the notices and the summary, taken in one pass so the
/// accounts themselves can be let go.
struct UnitTallies {
    var accounts: [Int]
    var activeAfter: [Int]
    /// Indexed by `CleanupRule.allCases` position, then unit.
    var removed: [[Int]]
    var activeBefore = 0
    /// C1 roles given and C2 permits given.
    var converted = ["C1_legal_person": 0, "C1_ordinary": 0, "C2_permit_Y": 0, "C2_permit_N": 0]

    init(_ records: [UnitAccount], _ decisions: [AccountDecision], unitCount: Int) {
        accounts = [Int](repeating: 0, count: unitCount)
        activeAfter = accounts
        removed = CleanupRule.allCases.map { _ in [Int](repeating: 0, count: unitCount) }
        var givenRole = [AccountRole: Int]()
        var givenPermit = [ReplacePermit: Int]()
        for (account, decision) in zip(records, decisions) {
            let u = Int(account.unit)
            accounts[u] += 1
            if account.isActive { activeBefore += 1 }
            if let rule = decision.removedBy { removed[CleanupRule.allCases.firstIndex(of: rule)!][u] += 1 }
            guard decision.status == .active else { continue }
            activeAfter[u] += 1
            if account.role == .legacy { givenRole[decision.role, default: 0] += 1 }
            if account.permit == .unset { givenPermit[decision.permit, default: 0] += 1 }
        }
        for (role, count) in givenRole { converted["C1_\(role.rawValue)", default: 0] += count }
        for (permit, count) in givenPermit { converted["C2_permit_\(permit.rawValue)", default: 0] += count }
    }

    func removedInUnit(_ u: Int) -> Int {
        removed.reduce(0) { $0 + $1[u] }
    }
}
