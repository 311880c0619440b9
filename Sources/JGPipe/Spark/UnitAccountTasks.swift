import Glibc

/// The unit-account stage on Spark (SPEC §1, docs/SCALE-OUT.md "Unit accounts"): the embedded
/// stage's functions on the groups where each rule's accounts meet, around three shuffles:
///
///     task accounts-read     (a task a chunk)   → account lines         validation, the unknown-unit check, duplicates
///         Spark: a shuffle by unit
///     task accounts-by-unit  (a task a group of units)   → account lines   R1, R2 (`cleanUpInUnits`)
///         Spark: a shuffle by person
///     task accounts-by-person (a task a group of persons) → account lines  R3, C1, C2 (`cleanUpAcrossUnits`)
///         Spark: a shuffle by unit into ranges of the output order
///     task accounts-outputs  (a task a range of units) → N, D, R lines   C3, the removal export, the
///         contact list (part files), the notices, the summary section (`UnitOutcomes`)
///         Spark: the D lines (each account's decision) into a folder by chunk
///     task stage --cleanup   (a task a chunk)   → R lines               the rejected and cleaned files' parts
///
/// Every task reads the units whole (a broadcast file, as the violation task reads the vehicle
/// directory); a unit's index is its row among the valid units, the same in every task.
public enum UnitAccountTasks {
    /// The valid units and their detachments, read as the embedded stage reads them.
    struct Units {
        let units: LoadedDataset<Unit>
        let detachment: [String]

        init(settings: PipelineSettings, inputDirectory: String) throws {
            // Loading reads no date: the cutover stands in for the run's.
            let inputs = RunInputs(settings: settings, asOf: settings.cutoverDate, directory: inputDirectory)
            guard let path = inputs.path("units") else { throw UnitAccountStage.unitsMissing(settings) }
            units = try inputs.load(path, UnitValidator())
            detachment = UnitAccountStage.detachments(units, settings)
        }

        var index: UnitIndex {
            UnitIndex(codes: units.records.indices.map { units.store.field($0, UnitValidator.Column.code) })
        }
    }

    /// The folder of the outputs tasks' part files, one folder a range of units.
    static func outputsFolder(_ workDirectory: String) -> String { workDirectory + "/unit_accounts.units" }

    /// `task accounts-read`: the chunk's valid accounts as account lines, or an `E` line.
    public static func read(_ task: ChunkTask, settings: PipelineSettings, inputDirectory: String,
                            crossTaskDuplicates: [Int: CrossTaskDuplicates.Fate]?, emit: (String) -> Void) throws {
        let loaded: (Units, LoadedDataset<UnitAccount>)
        do {
            loaded = try chunkAccounts(task, settings: settings, inputDirectory: inputDirectory,
                                       crossTaskDuplicates: crossTaskDuplicates)
        } catch {
            emit(["E", String(task.chunk), String(Pipeline.exitCode(for: error).rawValue), TaskLine.escape("\(error)")]
                .joined(separator: "\t"))
            return
        }
        let (units, accounts) = loaded
        let unitLegalPerson = units.units.records.map(\.legalPerson)
        let width = UnitAccountValidator.schema.columns.count
        for i in accounts.records.indices {
            let record = accounts.records[i]
            let u = Int(record.unit)
            let fields = accounts.store.fields(i)
            emit(AccountLine(unitKey: units.detachment[u] + "\u{1}" + units.units.store.field(u, UnitValidator.Column.code),
                             chunk: task.chunk, line: accounts.lines[i], record: record,
                             legal: isLegalPersonAccount(record, unitLegalPerson: unitLegalPerson), decision: nil,
                             fields: Array(fields.prefix(width))).text)
        }
    }

    /// The units and the chunk's accounts checked against them, with the chunk's fates of keys
    /// found in other chunks too.
    static func chunkAccounts(_ task: ChunkTask, settings: PipelineSettings, inputDirectory: String,
                              crossTaskDuplicates: [Int: CrossTaskDuplicates.Fate]?) throws -> (Units, LoadedDataset<UnitAccount>) {
        let units = try Units(settings: settings, inputDirectory: inputDirectory)
        let (path, options) = try TaskDataset.reading(task, settings: settings, inputDirectory: inputDirectory)
        var chunkSettings = settings
        chunkSettings.read = options
        chunkSettings.read.crossTaskDuplicates = crossTaskDuplicates
        let inputs = RunInputs(settings: chunkSettings, asOf: settings.cutoverDate, directory: inputDirectory)
        return (units, try UnitAccountStage.loadAccounts(inputs, path, units: units.units))
    }

    /// `task accounts-by-unit`: R1 and R2 over account lines holding every account of their units.
    public static func byUnit(_ lines: [Substring], settings: PipelineSettings, emit: (String) -> Void) throws {
        let caps = try CleanupCaps(settings.root.table("unit_accounts"))
        try step(lines, emit: emit) { records, legal, decisions in
            cleanUpInUnits(records, isLegalPersonAccount: legal, caps: caps, decisions: &decisions)
        }
    }

    /// `task accounts-by-person`: R3, C1 and C2 over account lines holding every account of their persons.
    public static func byPerson(_ lines: [Substring], settings: PipelineSettings, emit: (String) -> Void) throws {
        let caps = try CleanupCaps(settings.root.table("unit_accounts"))
        let cutover = DateTime(date: settings.cutoverDate).sortKey
        try step(lines, emit: emit) { records, legal, decisions in
            cleanUpAcrossUnits(records, isLegalPersonAccount: legal, caps: caps, cutover: cutover, decisions: &decisions)
        }
    }

    /// The lines' accounts in line order (their input order), ranked, with their decisions so far.
    private static func accounts(_ lines: [Substring]) throws -> [AccountLine] {
        var accounts = try lines.filter { !$0.isEmpty }.map(AccountLine.init(text:))
        accounts.sort { ($0.chunk, $0.line) < ($1.chunk, $1.line) }
        var records = accounts.map(\.record)
        UnitAccountStage.rankAccountIDs(&records) { accounts[$0].fields[UnitAccountValidator.Column.accountID.rawValue] }
        for i in accounts.indices { accounts[i].record.idKey = records[i].idKey }
        return accounts
    }

    private static func step(_ lines: [Substring], emit: (String) -> Void,
                             _ apply: ([UnitAccount], [Bool], inout [AccountDecision]) -> Void) throws {
        var accounts = try accounts(lines)
        let records = accounts.map(\.record)
        var decisions = initialDecisions(records)
        for (i, account) in accounts.enumerated() { if let decision = account.decision { decisions[i] = decision } }
        apply(records, accounts.map(\.legal), &decisions)
        for i in accounts.indices {
            accounts[i].decision = decisions[i]
            emit(accounts[i].text)
        }
    }

    /// `task accounts-outputs`: over account lines holding every account of their units, all
    /// decided, and units of one range of the output order: the range's parts of the removal
    /// export and the contact list in a folder named by its first unit (hex), its notices (`N`),
    /// each account's decision (`D <chunk> <line> <combination>`) and its result
    /// (`R <folder name> <result JSON>`). Nothing for no lines, unless `evenIfEmpty` (the driver,
    /// when no account reached this step, for the files' headers and the summary's zeros).
    public static func outputs(_ lines: [Substring], settings: PipelineSettings, asOf: CalendarDate,
                               inputDirectory: String, workDirectory: String, evenIfEmpty: Bool = false,
                               emit: (String) -> Void) throws {
        let accounts = try accounts(lines)
        guard !accounts.isEmpty || evenIfEmpty else { return }
        let caps = try CleanupCaps(settings.root.table("unit_accounts"))
        let units = try Units(settings: settings, inputDirectory: inputDirectory)
        let store = RowStore(width: UnitAccountValidator.schema.columns.count)
        var decisions: [AccountDecision] = []
        for account in accounts {
            guard let decision = account.decision else { throw TaskError("an account line without its decision") }
            store.append(account.fields)
            decisions.append(decision)
        }
        let name = accounts.first.map { hex($0.unitKey) } ?? "empty"
        let folder = outputsFolder(workDirectory) + "/" + name
        let attempt = try StageTask.attemptFolder(folder)
        let context = RunContext(settings: settings, asOf: asOf, inputDirectory: inputDirectory, stagingDirectory: attempt)
        let outcome = try UnitOutcomes(units: units.units, detachment: units.detachment, records: accounts.map(\.record),
                                       store: store, decisions: decisions, caps: caps, context: context)
        try context.notices.add(try outcome.notices(units.units, units.detachment, caps: caps, context: context))
        try StageTask.emitNotices(context.notices, source: name, emit: emit)
        for (account, decision) in zip(accounts, decisions) {
            emit("D\t\(TaskLine.padded(account.chunk))\t\(account.line)\t\(decision.combination)")
        }
        let result = ChunkResult(chunk: 0, datasets: [], files: context.staging.files,
                                 sections: [("unit_accounts", outcome.summary(units.units, units.detachment, caps: caps))],
                                 rejections: [])
        emit("R\t\(name)\t" + TaskLine.escape(result.json.rendered()))
        try StageTask.finish(attempt, as: folder)
    }

    /// `task stage --cleanup DIR` of a unit-account chunk: the chunk's rejected accounts and its part of the cleaned file,
    /// each account with its decision from `decisionsFolder` (`chunk=<chunk>/part-*`, as Spark
    /// writes a folder partitioned by chunk: lines `<line> <combination>`).
    public static func write(_ task: ChunkTask, decisionsFolder: String, settings: PipelineSettings, asOf: CalendarDate,
                             inputDirectory: String, workDirectory: String,
                             crossTaskDuplicates: [Int: CrossTaskDuplicates.Fate]?, emit: (String) -> Void) throws {
        try StageTask.run(task, settings: settings, asOf: asOf, inputDirectory: inputDirectory, workDirectory: workDirectory,
                          crossTaskDuplicates: crossTaskDuplicates, emit: emit) { context in
            var output = StageOutput()
            let (_, accounts) = try chunkAccounts(task, settings: settings, inputDirectory: inputDirectory,
                                                  crossTaskDuplicates: crossTaskDuplicates)
            context.inputs.adoptRead("unit_accounts", file: settings.inputFile(for: "unit_accounts"), accounts.counts)
            output.rejections.append(try context.staging.writeRejected("unit_accounts", header: accounts.header,
                                                                       rows: accounts.rejected))
            var combinations: [Int: Int] = [:]
            try SparkEngine.forEachLine(inParts: decisionsFolder + "/chunk=" + TaskLine.padded(task.chunk)) { line in
                let f = TaskLine.fields(line)
                guard f.count == 2, let number = Int(f[0]), let combination = Int(f[1]),
                      (0..<AccountDecision.combinations).contains(combination) else {
                    throw TaskError("not an account decision: \(line.prefix(200))")
                }
                combinations[number] = combination
            }
            let decisions = try accounts.lines.map { line in
                guard let combination = combinations[line] else { throw TaskError("no decision for line \(line) of chunk \(task.chunk)") }
                return AccountDecision(combination: combination)
            }
            let cleaned = try UnitAccountStage.openCleaned(accounts.header, context)
            try writeCleanedAccounts(accounts, decisions, effectiveOn: context.effectiveDate.iso, to: cleaned)
            try cleaned.close()
            return output
        }
    }

    /// A text's UTF-8 bytes in hex: a folder name whose text order is the text's byte order.
    static func hex(_ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 { out += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One account between the shuffles, as a `TaskLine`:
///
///     <detachment U+0001 unit code> <holder> <chunk> <line> <unit> <registered_at> <legal 0|1> <decision> <fields>
///
/// the unit key (the output order), the holder's `PersonKey` (hex), where it was read, the
/// unit's index, the `UnitAccount` sort key, whether it is a legal-person account (read beside
/// the units), its decision so far (a combination number, empty before R1) and its canonical fields.
struct AccountLine {
    var unitKey: String
    var chunk: Int
    var line: Int
    var record: UnitAccount
    var legal: Bool
    var decision: AccountDecision?
    var fields: [String]
}

extension AccountLine {
    init(text: Substring) throws {
        typealias Column = UnitAccountValidator.Column
        let f = TaskLine.fields(text)
        let fields = f.count == 9 ? TaskLine.values(ofPayload: f[8]) : []
        guard fields.count == UnitAccountValidator.schema.columns.count, let holder = UInt64(f[1], radix: 16),
              let chunk = Int(f[2]), let line = Int(f[3]), let unit = Int32(f[4]), let registeredAt = Int64(f[5]),
              let status = AccountStatus(rawValue: fields[Column.status.rawValue]),
              let role = AccountRole(rawValue: fields[Column.role.rawValue]),
              let permit = ReplacePermit(rawValue: fields[Column.permit.rawValue]) else {
            throw TaskError("not an account line: \(text.prefix(200))")
        }
        let id = fields[Column.accountID.rawValue]
        self.init(unitKey: TaskLine.unescape(f[0]), chunk: chunk, line: line,
                  record: UnitAccount(unit: unit, holder: holder, registeredAt: registeredAt,
                                      idKey: AccountID.numericKey(id) ?? AccountID.unranked, status: status, role: role,
                                      permit: permit),
                  legal: f[6] == "1", decision: try f[7].isEmpty ? nil : Int(f[7]).flatMap { c in
                      (0..<AccountDecision.combinations).contains(c) ? AccountDecision(combination: c) : nil
                  } ?? { throw TaskError("not a decision: \(f[7])") }(),
                  fields: fields)
    }

    /// Fixed-width chunk, line and holder: Spark sorts them as text.
    var text: String {
        [TaskLine.escape(unitKey), CrossTaskDuplicates.hexHash(record.holder), TaskLine.padded(chunk),
         TaskLine.padded(line, width: 12), String(record.unit), String(record.registeredAt), legal ? "1" : "0",
         decision.map { String($0.combination) } ?? "", TaskLine.payload(fields)].joined(separator: "\t")
    }
}
