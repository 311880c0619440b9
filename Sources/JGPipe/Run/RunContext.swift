import Glibc

/// What a stage needs from the run: settings, dates, folders, and the shared notice list and
/// summary it adds to.
public final class RunContext {
    public let settings: PipelineSettings
    public let asOf: CalendarDate
    /// SPEC §0 "Effective date": E = max(as_of, cutover_date).
    public let effectiveDate: CalendarDate
    public let inputDirectory: String
    public let stagingDirectory: String
    public private(set) var notices: [Notice] = []
    public private(set) var sections: [(String, JSONValue)] = []
    public private(set) var datasets: [(String, DatasetCounts)] = []
    public private(set) var outputFiles: [String] = []
    public let log: (String) -> Void

    public init(settings: PipelineSettings, asOf: CalendarDate, inputDirectory: String, stagingDirectory: String,
                log: @escaping (String) -> Void = { _ in }) {
        self.settings = settings
        self.asOf = asOf
        effectiveDate = max(asOf, settings.cutoverDate)
        self.inputDirectory = inputDirectory
        self.stagingDirectory = stagingDirectory
        self.log = log
    }

    /// The path of a dataset's input file, or nil when the dataset is absent (its stage skips).
    public func inputPath(_ dataset: String) -> String? {
        let path = inputDirectory + "/" + settings.inputFile(for: dataset)
        return access(path, F_OK) == 0 ? path : nil
    }

    public func load<V: DatasetValidator>(_ path: String, _ validator: V) throws -> LoadedDataset<V.Record> {
        let started = monotonicSeconds()
        let loaded = try DatasetLoader.load(path: path, validator: validator,
                                            extraAliases: settings.extraAliases(for: validator.schema.name),
                                            options: settings.read)
        datasets.append((validator.schema.name, loaded.counts))
        log("\(validator.schema.name): \(loaded.counts.inputRecords) records read, \(loaded.counts.rejected) rejected, in \(formatSeconds(monotonicSeconds() - started))")
        return loaded
    }

    /// Opens an output CSV in the staging folder and writes its header row.
    public func csv(_ fileName: String, header: [String]) throws -> CSVWriter {
        let writer = try CSVWriter(path: stagingDirectory + "/" + fileName, encoding: settings.outputEncoding)
        try writer.writeRow(header)
        outputFiles.append(fileName)
        return writer
    }

    /// `<dataset>.rejected.csv`: line, error_code, error, then the original fields as read.
    public func writeRejected(_ dataset: String, header: HeaderMap, rows: [RejectedRow]) throws {
        let writer = try csv("\(dataset).rejected.csv", header: RejectedRow.leadingColumns + header.header)
        for row in rows {
            try writer.writeRow([String(row.line), row.code.rawValue, row.message] + row.fields)
        }
        try writer.close()
    }

    /// The canonical rows of a dataset, SPEC column order: schema columns, the stage's added
    /// columns, then pass-through.
    /// `row` may change the schema values of record `i` and returns its added columns.
    public func writeCleaned<Record>(_ loaded: LoadedDataset<Record>, schema: DatasetSchema, added: [String],
                                     row: (Int, inout [String]) -> [String]) throws {
        let width = schema.columns.count
        let writer = try csv("\(schema.name).cleaned.csv",
                             header: schema.columnNames + added + loaded.header.passThroughNames)
        for i in loaded.records.indices {
            var fields = loaded.store.fields(i)
            let extra = row(i, &fields)
            try writer.writeRow(Array(fields[..<width]) + extra + fields[width...])
        }
        try writer.close()
    }

    public func add(_ notices: [Notice]) { self.notices += notices }

    public func addSection(_ name: String, _ value: JSONValue) { sections.append((name, value)) }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func formatSeconds(_ seconds: Double) -> String {
    String(Int(seconds * 1000)) + " ms"
}
