/// Units and unit accounts (SPEC §1, measure 八): validation, R1–R3, C1–C3, outputs and notices.
/// This file orders the work; each output has a file of its own in this folder.
public struct UnitAccountStage: PipelineStage {
    public let name = "unit_accounts"
    public var datasets: [DatasetSchema] { [UnitValidator.schema, UnitAccountValidator.schema] }
    let caps: CleanupCaps
    /// Only the units (their rejected and cleaned files, their summary section): the Spark
    /// engine's units task, whose accounts run in tasks of their own (`UnitAccountTasks`).
    let unitsOnly: Bool

    public init(settings: PipelineSettings, unitsOnly: Bool = false) throws {
        caps = try CleanupCaps(settings.root.table("unit_accounts"))
        self.unitsOnly = unitsOnly
    }

    static func unitsMissing(_ settings: PipelineSettings) -> RunError {
        RunError(.noInput, "\(settings.inputFile(for: "unit_accounts")) is present but \(settings.inputFile(for: "units")) is not: unit accounts are checked against their units")
    }

    /// The accounts of `path` checked against `units`, with their SPEC §1 tie-break keys: when
    /// an id is not a plain digit string, every id's rank among these accounts, which orders
    /// any set of accounts as their ids order them.
    static func loadAccounts(_ inputs: RunInputs, _ path: String, units: LoadedDataset<Unit>) throws -> LoadedDataset<UnitAccount> {
        let unitIndex = UnitIndex(codes: units.records.indices.map { units.store.field($0, UnitValidator.Column.code) })
        var accounts = try inputs.load(path, UnitAccountValidator(units: unitIndex))
        rankAccountIDs(&accounts.records) { accounts.store.field($0, UnitAccountValidator.Column.accountID) }
        return accounts
    }

    /// `id(i)` is the account id of `records[i]`.
    static func rankAccountIDs(_ records: inout [UnitAccount], id: (Int) -> String) {
        guard records.contains(where: { $0.idKey == AccountID.unranked }) else { return }
        let keys = AccountID.orderKeys(records.indices.map(id))
        for i in records.indices { records[i].idKey = keys[i] }
    }

    /// Each unit's detachment code.
    static func detachments(_ units: LoadedDataset<Unit>, _ settings: PipelineSettings) -> [String] {
        units.records.map { settings.detachments.code(for: $0.region) }
    }

    static func openCleaned(_ header: HeaderMap, _ context: RunContext) throws -> CSVWriter {
        try context.staging.openCleaned(header: header, schema: UnitAccountValidator.schema,
                                        added: ["cleanup_rule", "disable_on", "effective_on"])
    }

    /// Loads units, then accounts (checked against the units), writing both rejected files;
    /// `afterUnits` runs between the two. Nil when units are absent. Shared by `run` and `validate`.
    private func load(_ context: RunContext, _ output: inout StageOutput,
                      afterUnits: (LoadedDataset<Unit>) throws -> Void = { _ in })
        throws -> (units: LoadedDataset<Unit>, accounts: LoadedDataset<UnitAccount>?)? {
        let accountsPath = unitsOnly ? nil : context.inputs.path("unit_accounts")
        guard let unitsPath = context.inputs.path("units") else {
            if accountsPath != nil { throw Self.unitsMissing(context.settings) }
            return nil
        }
        let units = try context.inputs.load(unitsPath, UnitValidator())
        output.rejections.append(try context.staging.writeRejected("units", header: units.header, rows: units.rejected))
        try afterUnits(units)
        guard let accountsPath else { return (units, nil) }
        let accounts = try Self.loadAccounts(context.inputs, accountsPath, units: units)
        output.rejections.append(try context.staging.writeRejected("unit_accounts", header: accounts.header,
                                                                   rows: accounts.rejected))
        return (units, accounts)
    }

    public func validate(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        _ = try load(context, &output)
        return output
    }

    public func run(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        var detachment: [String] = []
        var loaded = try load(context, &output) { units in
            detachment = Self.detachments(units, context.settings)
            try context.staging.writeCleaned(units, schema: UnitValidator.schema, added: ["detachment_code", "effective_on"]) { i in
                [detachment[i], context.effectiveDate.iso]
            }
        }
        // One owner for the accounts, so their memory can be given back below.
        guard let units = loaded?.units else { return output }
        let loadedAccounts = loaded?.accounts
        loaded = nil
        guard var accounts = consume loadedAccounts else {
            output.addSection("units", unitSummary(units))
            return output
        }
        // The cleanup below runs on one core for the most part: the other hashes the inputs.
        context.inputs.hashInputsRead()

        let decisions = cleanUpAccounts(accounts.records, unitLegalPerson: units.records.map(\.legalPerson), caps: caps,
                                        cutover: DateTime(date: context.settings.cutoverDate).sortKey)
        // The cleaned file, the largest output, is written on the other core while the removal
        // export and the tallies are made here; both only read the accounts.
        let cleaned = try Self.openCleaned(accounts.header, context)
        let effectiveOn = context.effectiveDate.iso
        let writing = BackgroundJob { [accounts] in
            try writeCleanedAccounts(accounts, decisions, effectiveOn: effectiveOn, to: cleaned)
        }
        let outcomes = Result {
            try UnitOutcomes(units: units, detachment: detachment, records: accounts.records, store: accounts.store,
                             decisions: decisions, caps: caps, context: context)
        }
        try writing.wait()
        let outcome = try outcomes.get()
        // Its last bytes and the wait for the disk go on while the notices are made.
        let closing = BackgroundJob { try cleaned.close() }
        // The accounts' rows are written: give their memory back before the notices are built.
        accounts = LoadedDataset(records: [], lines: [], store: RowStore(width: 0), rejected: [],
                                 counts: accounts.counts, header: accounts.header)
        try context.notices.add(try outcome.notices(units, detachment, caps: caps, context: context))
        output.addSection("units", unitSummary(units))
        output.addSection("unit_accounts", outcome.summary(units, detachment, caps: caps))
        try closing.wait()
        return output
    }
}
