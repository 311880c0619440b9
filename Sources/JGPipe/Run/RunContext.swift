import Glibc
import Logging

/// What a stage needs from the run: settings, dates, folders, and the shared notice list and
/// summary it adds to.
public final class RunContext {
    public let settings: PipelineSettings
    public let asOf: CalendarDate
    /// SPEC §0 "Effective date": E = max(as_of, cutover_date).
    public let effectiveDate: CalendarDate
    public let inputDirectory: String
    public let stagingDirectory: String
    /// The run's notices, packed as they come and spilled in sorted runs past an eighth of
    /// `run.memory_budget_mb` (`NoticeCollector`).
    public let notices: NoticeCollector
    public private(set) var sections: [(String, JSONValue)] = []
    public private(set) var datasets: [(String, DatasetCounts)] = []
    public private(set) var outputFiles: [String] = []
    /// The input files read, in reading order: (dataset, file name inside the input folder).
    public private(set) var inputFiles: [(dataset: String, file: String)] = []
    /// Per dataset, the rejected rows' counts by code with a few sample rows, for the report.
    public private(set) var rejections: [RejectionDigest] = []
    /// Records read so far (all datasets), for the per-stage rate.
    public private(set) var recordsRead = 0
    public let logger: Logger
    /// Digests of the output files, taken as they were written, for the manifest.
    public let outputDigests = OutputDigests()
    /// The jobs hashing the input files (`hashInputsRead`).
    private var inputHashing: [(file: String, job: BackgroundJob<[InputFileDigest]>)] = []

    public init(settings: PipelineSettings, asOf: CalendarDate, inputDirectory: String, stagingDirectory: String,
                logger: Logger = .silent) {
        self.settings = settings
        self.asOf = asOf
        effectiveDate = max(asOf, settings.cutoverDate)
        self.inputDirectory = inputDirectory
        self.stagingDirectory = stagingDirectory
        self.logger = logger
        notices = NoticeCollector(spillFolder: stagingDirectory + "/" + NoticeCollector.spillFolderName,
                                  memoryBytes: settings.memoryBudgetBytes / NoticeCollector.budgetShare)
    }

    public func log(_ message: String) {
        logger.info("\(message)")
    }

    /// The path of a dataset's input file, or nil when the dataset is absent (its stage skips).
    public func inputPath(_ dataset: String) -> String? {
        let path = inputDirectory + "/" + settings.inputFile(for: dataset)
        return access(path, F_OK) == 0 ? path : nil
    }

    public func load<V: DatasetValidator>(_ path: String, _ validator: V) throws -> LoadedDataset<V.Record> {
        let started = monotonicSeconds()
        let name = validator.schema.name
        let logger = logger
        let loaded = try DatasetLoader.load(path: path, validator: validator,
                                            extraAliases: settings.extraAliases(for: validator.schema),
                                            options: settings.read) { rows in
            try StopRequest.check()
            logger.trace("reading", metadata: RunContext.rate(dataset: name, rows: rows, since: started))
        }
        recordRead(name, path, loaded.counts, parseCPUSeconds: loaded.parseCPUSeconds, since: started)
        return loaded
    }

    /// `load` for a row-local stage, in bounded memory: the valid rows are handed to `slice` a
    /// slice at a time, in input order (`DatasetLoader.stream`); `header` comes first, so the
    /// stage can open its outputs.
    public func stream<V: DatasetValidator>(_ path: String, _ validator: V, header: (HeaderMap) throws -> Void,
                                            slice: (ValidatedSlice<V.Record>) throws -> Void) throws -> StreamedDataset {
        let started = monotonicSeconds()
        let name = validator.schema.name
        let logger = logger
        let streamed = try DatasetLoader.stream(path: path, validator: validator,
                                                extraAliases: settings.extraAliases(for: validator.schema), options: settings.read,
                                                progress: { rows in
                                                    try StopRequest.check()
                                                    logger.trace("reading", metadata: RunContext.rate(dataset: name, rows: rows,
                                                                                                      since: started))
                                                }, header: header, slice: slice)
        recordRead(name, path, streamed.counts, parseCPUSeconds: streamed.parseCPUSeconds, since: started)
        return streamed
    }

    private func recordRead(_ name: String, _ path: String, _ counts: DatasetCounts, parseCPUSeconds: Double,
                            since started: Double) {
        datasets.append((name, counts))
        inputFiles.append((name, String(path.dropFirst(inputDirectory.count + 1))))
        recordsRead += counts.inputRecords
        var metadata = RunContext.rate(dataset: name, rows: counts.inputRecords, since: started)
        metadata["rejected"] = "\(counts.rejected)"
        metadata["collapsed"] = "\(counts.collapsedDuplicates)"
        metadata["parse_cpu_ms"] = "\(Int(parseCPUSeconds * 1000))"
        logger.info("dataset read", metadata: metadata)
    }

    /// Opens an output CSV in the staging folder and writes its header row. The writer records
    /// the file's digest in `outputDigests` when it is closed.
    public func csv(_ fileName: String, header: [String], writeBehind: Bool = false) throws -> CSVWriter {
        let writer = try CSVWriter(path: stagingDirectory + "/" + fileName, encoding: settings.outputEncoding,
                                   digests: outputDigests, writeBehind: writeBehind)
        try writer.writeRow(header)
        outputFiles.append(fileName)
        return writer
    }

    /// `<dataset>.rejected.csv`: line, error_code, error, then the original fields as read.
    public func writeRejected(_ dataset: String, header: HeaderMap, rows: [RejectedRow]) throws {
        let file = try openRejected(dataset, header: header)
        try file.write(rows)
        try close(file)
    }

    /// `<dataset>.rejected.csv` written as rows come (a streamed stage); `close` it at the end.
    public func openRejected(_ dataset: String, header: HeaderMap) throws -> RejectedFile {
        RejectedFile(writer: try csv("\(dataset).rejected.csv", header: RejectedRow.leadingColumns + header.header),
                     digest: RejectionDigest(dataset: dataset, header: header.header))
    }

    public func close(_ file: RejectedFile) throws {
        try file.writer.close()
        rejections.append(file.digest)
    }

    /// `<dataset>.cleaned.csv`: schema columns, `added` columns, then pass-through. `row(i)`
    /// returns new values for the schema columns listed in `replacing`, then the added columns;
    /// every other field is copied from the store as bytes.
    public func writeCleaned<Record>(_ loaded: LoadedDataset<Record>, schema: DatasetSchema, added: [String],
                                     replacing: [Int] = [], row: (Int) -> [String]) throws {
        let writer = try openCleaned(loaded, schema: schema, added: added)
        try RunContext.writeCleanedRows(loaded.store, count: loaded.records.count, schemaWidth: schema.columns.count,
                                        replacing: replacing, added: added.count, to: writer, values: row) {
            values, k, first in writer.appendField(values[k], first: first)
        }
        try writer.close()
    }

    /// Opens `<dataset>.cleaned.csv` and writes its header, for `writeCleanedRows` (which may
    /// then run on another thread: it does not touch the context). The largest outputs: hashed
    /// and written on a thread of their own while the rows are made.
    public func openCleaned<Record>(_ loaded: LoadedDataset<Record>, schema: DatasetSchema,
                                    added: [String]) throws -> CSVWriter {
        try openCleaned(header: loaded.header, schema: schema, added: added)
    }

    public func openCleaned(header: HeaderMap, schema: DatasetSchema, added: [String]) throws -> CSVWriter {
        try csv("\(schema.name).cleaned.csv", header: schema.columnNames + added + header.passThroughNames,
                writeBehind: true)
    }

    /// The rows of a cleaned file, SPEC column order: each store field copied as bytes, except
    /// the schema columns in `replacing`, whose values come from `values(i)`, as do the `added`
    /// columns after the schema columns; then the pass-through fields. `append(v, k, first)`
    /// writes the k-th of the row's new values `v` (the replaced columns in order, then the added).
    public static func writeCleanedRows<Values>(_ store: RowStore, count: Int, schemaWidth: Int, replacing: [Int],
                                                added: Int, to writer: CSVWriter, values: (Int) -> Values,
                                                append: (Values, Int, Bool) -> Void) throws {
        try store.withFields { fields in
            for i in 0..<count {
                let rowValues = values(i)
                var next = 0
                for column in 0..<schemaWidth {
                    if next < replacing.count && replacing[next] == column {
                        append(rowValues, next, column == 0)
                        next += 1
                    } else {
                        writer.appendField(bytes: fields.field(i, column), first: column == 0)
                    }
                }
                for k in replacing.count..<(replacing.count + added) { append(rowValues, k, false) }
                for column in schemaWidth..<store.width {
                    writer.appendField(bytes: fields.field(i, column), first: false)
                }
                try writer.endRow()
            }
        }
    }

    /// Starts hashing, for the manifest, the input files read so far and not yet being hashed,
    /// on a thread of their own: a stage calls it when it has read its inputs and has work for
    /// one core only.
    public func hashInputsRead() {
        let files = inputFiles.filter { input in !inputHashing.contains { $0.file == input.file } }
        guard !files.isEmpty else { return }
        let folder = inputDirectory
        let job = BackgroundJob {
            try files.map { input in
                let hashed = try SHA256.file(folder + "/" + input.file)
                return InputFileDigest(dataset: input.dataset, file: input.file, bytes: hashed.bytes, sha256: hashed.hex)
            }
        }
        inputHashing += files.map { (file: $0.file, job: job) }
    }

    /// Every input file read, in reading order, with its size and SHA-256; those not hashed yet
    /// are hashed now.
    public func inputDigests() throws -> [InputFileDigest] {
        hashInputsRead()
        var digests: [InputFileDigest] = []
        for input in inputFiles {
            let job = inputHashing.first { $0.file == input.file }!.job
            digests.append(try job.wait().first { $0.file == input.file }!)
        }
        return digests
    }

    public func add(_ notices: [Notice]) throws {
        try self.notices.add(notices)
    }

    public func addSection(_ name: String, _ value: JSONValue) { sections.append((name, value)) }

    /// Stages run by the Spark engine: their files are in the staging folder (digests
    /// recorded), their counts, sections, rejections and notices merged from the tasks; recorded
    /// here as `load`, `csv`, `close`, `addSection` and `add` would have.
    func adoptSparkResults(_ result: ChunkResult, inputFiles: [(dataset: String, file: String)], notices: [Notice]) throws {
        datasets += result.datasets
        self.inputFiles += inputFiles
        recordsRead += result.datasets.reduce(0) { $0 + $1.1.inputRecords }
        outputFiles += result.files
        rejections += result.rejections
        sections += result.sections
        try add(notices)
    }
}

extension RunContext {
    static func rate(dataset: String, rows: Int, since started: Double) -> Logger.Metadata {
        let seconds = monotonicSeconds() - started
        return [
            "dataset": "\(dataset)", "rows": "\(rows)", "ms": "\(Int(seconds * 1000))",
            "rows_per_s": "\(seconds > 0 ? Int(Double(rows) / seconds) : 0)",
        ]
    }
}

/// A `<dataset>.rejected.csv` being written (`RunContext.openRejected`).
public final class RejectedFile {
    let writer: CSVWriter
    var digest: RejectionDigest

    init(writer: CSVWriter, digest: RejectionDigest) {
        self.writer = writer
        self.digest = digest
    }

    public func write(_ rows: [RejectedRow]) throws {
        for row in rows {
            try writer.writeRow([String(row.line), row.code.rawValue, row.message] + row.fields)
            digest.add(row)
        }
    }
}

/// What the report shows of one dataset's rejected rows: every count, a few examples.
public struct RejectionDigest: Sendable {
    public static let samplesPerCode = 3

    public let dataset: String
    public let header: [String]
    public private(set) var counts: [ErrorCode: Int] = [:]
    public private(set) var samples: [ErrorCode: [RejectedRow]] = [:]

    public init(dataset: String, header: [String]) {
        self.dataset = dataset
        self.header = header
    }

    /// A digest read back from a Spark task's result (`ChunkResult`).
    init(dataset: String, header: [String], counts: [ErrorCode: Int], samples: [ErrorCode: [RejectedRow]]) {
        self.dataset = dataset
        self.header = header
        self.counts = counts
        self.samples = samples
    }

    /// The digest of the rows that follow this one's (the next chunk's): counts add up, the
    /// samples are still the first few of each code.
    mutating func merge(_ next: RejectionDigest) {
        counts.merge(next.counts, uniquingKeysWith: +)
        for (code, rows) in next.samples {
            samples[code, default: []] += rows.prefix(max(0, Self.samplesPerCode - samples[code, default: []].count))
        }
    }

    mutating func add(_ row: RejectedRow) {
        counts[row.code, default: 0] += 1
        if samples[row.code, default: []].count < Self.samplesPerCode { samples[row.code, default: []].append(row) }
    }

    /// Codes by count, most frequent first (ties by code).
    public var codesByCount: [(code: ErrorCode, count: Int)] {
        counts.map { (code: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }
}

extension Logger {
    /// A logger that drops everything: the library default when the caller wants no log.
    public static var silent: Logger { Logger(label: "jgpipe", factory: { _ in SwiftLogNoOpLogHandler() }) }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func formatSeconds(_ seconds: Double) -> String {
    String(Int(seconds * 1000)) + " ms"
}
