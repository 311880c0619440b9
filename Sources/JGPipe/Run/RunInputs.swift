import Glibc
import Logging

/// The read side of a run: settings, dates, the input folder, loading its datasets, and what
/// was read (for the summary, the log and the manifest's input hashes).
public final class RunInputs {
    public let settings: PipelineSettings
    public let asOf: CalendarDate
    /// SPEC §0 "Effective date": E = max(as_of, cutover_date).
    public let effectiveDate: CalendarDate
    public let directory: String
    public let logger: Logger
    /// Each dataset read, in reading order, with its counts.
    public private(set) var datasets: [(String, DatasetCounts)] = []
    /// The input files read, in reading order: (dataset, file name inside the input folder).
    public private(set) var files: [(dataset: String, file: String)] = []
    /// Records read so far (all datasets), for the per-stage rate.
    public private(set) var recordsRead = 0
    /// The jobs hashing the input files (`hashInputsRead`).
    private var hashing: [(file: String, job: BackgroundJob<[InputFileDigest]>)] = []

    public init(settings: PipelineSettings, asOf: CalendarDate, directory: String, logger: Logger = .silent) {
        self.settings = settings
        self.asOf = asOf
        effectiveDate = max(asOf, settings.cutoverDate)
        self.directory = directory
        self.logger = logger
    }

    /// The path of a dataset's input file, or nil when the dataset is absent (its stage skips).
    public func path(_ dataset: String) -> String? {
        let path = directory + "/" + settings.inputFile(for: dataset)
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
            logger.trace("reading", metadata: RunInputs.rate(dataset: name, rows: rows, since: started))
        }
        recordRead(name, path, loaded.counts, parseCPUSeconds: loaded.parseCPUSeconds, since: started)
        return loaded
    }

    /// `load` for a row-local stage, in bounded memory: the valid rows are handed to `slice` a
    /// slice at a time, in input order (`DatasetLoader.stream`); `header` comes first, so the
    /// stage can open its outputs.
    public func stream<V: DatasetValidator>(_ path: String, _ validator: V, header: (HeaderMap) throws -> Void,
                                            slice: (ValidatedSlice<V.Record>) throws -> Void) throws -> StreamedDataset {
        try stream(path, validator, header: header, prepare: { _ in () }, slice: { part, _ in try slice(part) })
    }

    /// `stream` with the stage's per-row decisions made beside validation, on both cores
    /// (`DatasetLoader.stream(…prepare:slice:)`: `prepare` only reads).
    public func stream<V: DatasetValidator, Prepared>(_ path: String, _ validator: V, header: (HeaderMap) throws -> Void,
                                                      prepare: @escaping (ValidatedSlice<V.Record>) -> Prepared,
                                                      slice: (ValidatedSlice<V.Record>, Prepared) throws -> Void)
        throws -> StreamedDataset {
        let started = monotonicSeconds()
        let name = validator.schema.name
        let logger = logger
        let streamed = try DatasetLoader.stream(path: path, validator: validator,
                                                extraAliases: settings.extraAliases(for: validator.schema), options: settings.read,
                                                progress: { rows in
                                                    try StopRequest.check()
                                                    logger.trace("reading", metadata: RunInputs.rate(dataset: name, rows: rows,
                                                                                                     since: started))
                                                }, header: header, prepare: prepare, slice: slice)
        recordRead(name, path, streamed.counts, parseCPUSeconds: streamed.parseCPUSeconds, since: started)
        return streamed
    }

    /// A dataset another engine read (`SparkEngine`), recorded as `stream` records its own.
    func adoptRead(_ name: String, file: String, _ counts: DatasetCounts) {
        datasets.append((name, counts))
        files.append((name, file))
        recordsRead += counts.inputRecords
    }

    private func recordRead(_ name: String, _ path: String, _ counts: DatasetCounts, parseCPUSeconds: Double,
                            since started: Double) {
        datasets.append((name, counts))
        files.append((name, String(path.dropFirst(directory.count + 1))))
        recordsRead += counts.inputRecords
        var metadata = RunInputs.rate(dataset: name, rows: counts.inputRecords, since: started)
        metadata["rejected"] = "\(counts.rejected)"
        metadata["collapsed"] = "\(counts.collapsedDuplicates)"
        metadata["parse_cpu_ms"] = "\(Int(parseCPUSeconds * 1000))"
        logger.info("dataset read", metadata: metadata)
    }

    /// Starts hashing, for the manifest, the input files read so far and not yet being hashed,
    /// on a thread of their own: a stage calls it when it has read its inputs and has work for
    /// one core only.
    public func hashInputsRead() {
        let unhashed = files.filter { input in !hashing.contains { $0.file == input.file } }
        guard !unhashed.isEmpty else { return }
        let folder = directory
        let job = BackgroundJob {
            try unhashed.map { input in
                let hashed = try SHA256.file(folder + "/" + input.file)
                return InputFileDigest(dataset: input.dataset, file: input.file, bytes: hashed.bytes, sha256: hashed.hex)
            }
        }
        hashing += unhashed.map { (file: $0.file, job: job) }
    }

    /// Every input file read, in reading order, with its size and SHA-256; those not hashed yet
    /// are hashed now.
    public func digests() throws -> [InputFileDigest] {
        hashInputsRead()
        var digests: [InputFileDigest] = []
        for input in files {
            let job = hashing.first { $0.file == input.file }!.job
            digests.append(try job.wait().first { $0.file == input.file }!)
        }
        return digests
    }

    static func rate(dataset: String, rows: Int, since started: Double) -> Logger.Metadata {
        let seconds = monotonicSeconds() - started
        return [
            "dataset": "\(dataset)", "rows": "\(rows)", "ms": "\(Int(seconds * 1000))",
            "rows_per_s": "\(seconds > 0 ? Int(Double(rows) / seconds) : 0)",
        ]
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
