/// Units and unit accounts (SPEC §1, measure 八): validation, R1–R3, C1–C3, outputs and notices.
/// This file orders the work; each output has a file of its own in this folder.
public struct UnitAccountStage: PipelineStage {
    public let name = "unit_accounts"
    public var datasets: [DatasetSchema] { [UnitValidator.schema, UnitAccountValidator.schema] }
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
        // The cleanup below runs on one core for the most part: the other hashes the inputs.
        context.hashInputsRead()

        let unitLegalPerson = units.records.map(\.legalPerson)
        let decisions = cleanUpAccounts(accounts.records, unitLegalPerson: unitLegalPerson, caps: caps,
                                        cutover: DateTime(date: context.settings.cutoverDate).sortKey)
        let activeRoles = decisions.indices.lazy.filter { decisions[$0].status == .active }
            .map { (unit: accounts.records[$0].unit, role: decisions[$0].role) }
        let coverage = applyC3(unitCount: units.records.count, activeRoles: activeRoles)

        // The cleaned file, the largest output, is written on the other core while the removal
        // export and the tallies are made here; both only read the accounts.
        let cleaned = try context.openCleaned(accounts, schema: UnitAccountValidator.schema,
                                              added: ["cleanup_rule", "disable_on", "effective_on"])
        let effectiveOn = context.effectiveDate.iso
        let writing = BackgroundJob { [accounts] in
            try writeCleanedAccounts(accounts, decisions, effectiveOn: effectiveOn, to: cleaned)
        }
        let unitOrder = unitsInOutputOrder(units, detachment)
        let exported = Result {
            try RemovalExport(caps: caps, disableOn: effectiveOn)
                .write(accounts, decisions, units, detachment, unitOrder, context)
        }
        let tallies = UnitTallies(accounts.records, decisions, unitCount: units.records.count)
        try UnitContactList(accounts.records, decisions, unitLegalPerson: unitLegalPerson)
            .write(units: units, accounts: accounts, unitOrder: unitOrder, detachment: detachment, tallies: tallies,
                   coverage: coverage, context: context)
        try writing.wait()
        let removedFacts = try exported.get()
        // Its last bytes and the wait for the disk go on while the notices are made.
        let closing = BackgroundJob { try cleaned.close() }
        // The accounts' rows are written: give their memory back before the notices are built.
        accounts = LoadedDataset(records: [], lines: [], store: RowStore(width: 0), rejected: [],
                                 counts: accounts.counts, header: accounts.header)
        let notices = try UnitNotices(caps: caps, context: context)
            .make(units, detachment, unitOrder, tallies, coverage, removedFacts)
        try context.add(notices)
        context.addSection("units", unitSummary(units))
        context.addSection("unit_accounts", accountSummary(tallies, coverage, units, detachment, caps: caps))
        try closing.wait()
    }
}
