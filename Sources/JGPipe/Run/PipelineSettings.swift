/// The settings every stage shares. Each stage reads its own section from `root` (see
/// `VehicleSettings`), so a stage's settings live next to the stage.
///
/// The defaults here are the national defaults of `pipelines/default.toml`; a test keeps the
/// two equal, so a pipeline file only needs the keys it changes.
public struct PipelineSettings: Sendable {
    public var root: SettingsTable
    /// SHA-256 of the pipeline file's bytes, for the manifest and the ledger.
    public var fileHash: String
    /// Where the values came from, for errors: the pipeline file's path, or nil (built in).
    public var fileName: String?
    /// The `SECTION.KEY` of each `--set`, so an unknown one is named as an option.
    public var overrideKeys: Set<String> = []

    /// 八、五: the measures take effect on 1 July 2024.
    public var cutoverDate: CalendarDate
    /// 八: units are told of the account clean-up before 20 June.
    public var noticeDeadline: CalendarDate
    public var maxRejectedRatio: Double
    /// `[run] memory_budget_mb`: the memory a run aims to stay within; what does not fit (the
    /// notices waiting to be sorted) is spilled to the staging folder and merged.
    public var memoryBudgetBytes: Int
    public var outputEncoding: OutputEncoding
    public var read: ReadOptions
    /// `[inputs]`: dataset → file name inside the input folder.
    private var inputs: SettingsTable
    public var detachments: Detachments
    public var templates: NoticeTemplates
    /// SPEC §6: `[run] detachment_workbooks`, `[run] workbook_max_rows`.
    var workbooks: DetachmentWorkbooks.Settings
    private var aliases: SettingsTable

    public init(values: [String: SettingValue] = [:], fileHash: String = "") throws {
        root = SettingsTable(path: "", values: values)
        self.fileHash = fileHash
        let run = try root.table("run")
        cutoverDate = try run.date("cutover_date", default: CalendarDate(year: 2024, month: 7, day: 1)!)
        noticeDeadline = try run.date("notice_deadline", default: CalendarDate(year: 2024, month: 6, day: 20)!)
        maxRejectedRatio = try run.double("max_rejected_ratio", default: 0.05)
        guard (0...1).contains(maxRejectedRatio) else {
            throw SettingsError("run.max_rejected_ratio must be between 0 and 1, found \(maxRejectedRatio)")
        }
        memoryBudgetBytes = try run.int("memory_budget_mb", default: 2048, range: 1...(1 << 24)) << 20
        outputEncoding = try run.choice("output_encoding", default: OutputEncoding.utf8BOM)
        read = ReadOptions()
        read.encoding = try run.choice("input_encoding", default: InputEncoding.auto)
        let delimiter = try run.string("delimiter", default: ",")
        guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte != UInt8(ascii: "\""),
              byte != 0x0A, byte != 0x0D else {
            throw SettingsError("run.delimiter must be one ASCII character other than a quote or a line break, found \"\(delimiter)\"")
        }
        read.delimiter = byte
        read.maxFieldBytes = try run.int("max_field_bytes", default: 1 << 20, range: 1024...(1 << 30))
        workbooks = try DetachmentWorkbooks.Settings(run)
        // `[inputs]` keys become known when a stage declares its datasets (`declare`).
        inputs = try root.table("inputs")
        detachments = try Detachments(overrides: root.stringMap("detachments"))
        let texts = try root.stringMap("templates", known: Set(NoticeTemplates.defaults.keys))
        for (key, text) in texts.sorted(by: { $0.key < $1.key }) {
            // A name the stage does not fill would reach people as "{name}" (SPEC §4 "Wording").
            let unfillable = NoticeTemplates.unfillable(key, in: text)
            guard unfillable.isEmpty else {
                let names = { (list: [String]) in list.map { "{\($0)}" }.joined(separator: ", ") }
                throw SettingsError("templates.\(key) names \(names(unfillable)), which this notice does not fill; "
                                    + "it may use \(names((NoticeTemplates.fillable[key] ?? []).sorted()))")
            }
        }
        templates = NoticeTemplates(overrides: texts)
        aliases = try root.table("aliases")
    }

    /// Makes the keys of the stages' datasets known: `inputs.<dataset>` and
    /// `aliases.<dataset>.<column>` for each schema column.
    public func declare(datasets: [DatasetSchema]) throws {
        for schema in datasets {
            _ = try inputs.string(schema.name, default: "")
            _ = try extraAliases(for: schema)
        }
    }

    /// SPEC §5 "Settings are checked": after every stage has read its settings and declared its
    /// datasets, any key of the file or of `--set` no reader asked for stops the run (78).
    public func checkAllKeysKnown() throws {
        let unknown = root.usage.unknownKeys(in: root)
        guard !unknown.isEmpty else { return }
        let lines = unknown.map { key, suggestion in
            let origin = overrideKeys.contains(key) ? "--set \(key)" : "\(key) in \(fileName ?? "the settings")"
            return "\(origin) is not a setting jgpipe knows" + (suggestion.map { ": did you mean \($0)?" } ?? "")
        }
        throw SettingsError(lines.joined(separator: "; "))
    }

    /// Loads a pipeline file and applies `--set` overrides in order.
    public static func load(path: String, overrides: [String] = []) throws -> PipelineSettings {
        var (values, hash) = try PipelineFile.load(path: path)
        for override in overrides {
            try PipelineFile.apply(override: override, to: &values)
        }
        var settings = try PipelineSettings(values: values, fileHash: hash)
        settings.fileName = path
        settings.overrideKeys = Set(overrides.map(PipelineFile.key(ofOverride:)))
        return settings
    }

    /// The input file of a dataset: as the `[inputs]` table names it, else its canonical name.
    public func inputFile(for dataset: String) -> String {
        // A value that is not a string was refused by `declare` before any input was read.
        (try? inputs.string(dataset, default: "\(dataset).csv")) ?? "\(dataset).csv"
    }

    /// Header aliases the pipeline file adds to a dataset's columns (`[aliases.<dataset>]`).
    public func extraAliases(for schema: DatasetSchema) throws -> [String: [String]] {
        let table = try aliases.table(schema.name)
        var result: [String: [String]] = [:]
        for column in schema.columnNames {
            let added = try table.stringList(column, default: [])
            if !added.isEmpty { result[column] = added }
        }
        return result
    }
}
