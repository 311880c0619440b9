import Glibc

/// `jgpipe task stage`: one stage over one byte range of its dataset, on a Spark executor.
/// The stage's own `run` does the work on a `RunContext` whose reads cover only the task's
/// records (`ReadOptions.segments`), so every rule has its one definition. The task writes its
/// parts of the row files into its chunk folder and prints, as `TaskLine`s:
///
///     H <key hash> <chunk>          every distinct key hash (duplicates across tasks)
///     N <order key> <chunk> <seq> <notice fields>    the notices, to be sorted globally
///     W <file, order key> <chunk> <seq> <file, row fields>   rows of the globally sorted files
///     R <chunk> <result JSON>       counts, the summary section, the rejections digest
///     E <chunk> <exit code> <message>   the task's input is unusable (as a whole-file read says)
///
/// Deterministic and without side effects beyond its chunk folder, which a retried attempt
/// replaces whole: Spark may run a task twice.
public enum StageTask {
    /// The datasets the Spark engine runs so far, with their stages.
    public static let supportedDatasets = ["vehicles"]

    /// Outputs whose row order spans the whole dataset: their rows are sorted by the engine
    /// (by these columns, then chunk and input order), the others are concatenated in chunk
    /// order. The vehicles' work list: detachment_code, due_on, vin (`VehicleStage.run`).
    static let globallySorted: [String: [Int]] = ["vehicles.deregistration_worklist.csv": [11, 7, 0]]

    public static func chunkFolder(_ workDirectory: String, _ task: ChunkTask) -> String {
        workDirectory + "/\(task.dataset)/chunk-" + TaskLine.padded(task.chunk)
    }

    public static func run(_ task: ChunkTask, settings: PipelineSettings, asOf: CalendarDate, inputDirectory: String,
                           workDirectory: String, emit: (String) -> Void) throws {
        let path = inputDirectory + "/" + settings.inputFile(for: task.dataset)
        let stage: any PipelineStage
        let keyHashes: (String, ReadOptions) throws -> [UInt64]
        switch task.dataset {
        case "vehicles":
            let vehicles = try VehicleStage(settings: settings)
            stage = vehicles
            let validator = VehicleValidator(closedStatuses: vehicles.settings.closedStatuses)
            keyHashes = { path, options in
                try DatasetLoader.keyHashes(path: path, validator: validator,
                                            extraAliases: settings.extraAliases(for: validator.schema), options: options)
            }
        default: throw TaskError("the Spark engine has no stage task for \(task.dataset) yet")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw TaskError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        var chunkSettings = settings
        chunkSettings.read.encoding = task.encoding
        chunkSettings.read.segments = try task.segments(fd: fd, fileSize: Int(info.st_size), delimiter: settings.read.delimiter)

        let folder = chunkFolder(workDirectory, task)
        // Attempts of one task may run at once on several hosts (speculation, a lost executor).
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let attempt = folder + ".attempt-\(String(cString: host))-\(getpid())"
        try makeDirectories(attempt)
        let context = RunContext(settings: chunkSettings, asOf: asOf, inputDirectory: inputDirectory, stagingDirectory: attempt)
        let output: StageOutput
        do {
            output = try stage.run(context)
        } catch {
            try? removeTree(attempt)
            emit(["E", String(task.chunk), String(Pipeline.exitCode(for: error).rawValue), TaskLine.escape("\(error)")]
                .joined(separator: "\t"))
            return
        }
        // A record without a key is rejected whatever else shares it: never a duplicate.
        var last: UInt64? = DatasetLoader.keyHash(UnsafeBufferPointer(start: nil, count: 0))
        for hash in try keyHashes(path, chunkSettings.read).sorted() where hash != last && hash != 0 {
            emit("H\t\(hexHash(hash))\t\(task.chunk)")
            last = hash
        }
        let chunk = TaskLine.padded(task.chunk)
        // In SPEC §4 order within the task (equal keys in input order); the engine's sort by
        // (key, chunk, this sequence) is then the whole run's order.
        var seq = 0
        try context.notices.drainInOutputOrder { notice in
            emit(["N", TaskLine.escape(String(decoding: notice.key, as: UTF8.self)), chunk, TaskLine.padded(seq),
                  TaskLine.payload(Notice.columns.indices.map(notice.string))].joined(separator: "\t"))
            seq += 1
        }
        for file in context.staging.files {
            guard let columns = globallySorted[file], let rows = try CSVRowSource(path: attempt + "/" + file) else { continue }
            var seq = 0
            while try rows.withNextRow({ row in
                let fields = row.fields
                let key = columns.map { $0 < fields.count ? fields[$0] : "" }.joined(separator: "\u{1}")
                emit(["W", TaskLine.escape(file + "\u{2}" + key), chunk, TaskLine.padded(seq),
                      TaskLine.payload([file] + fields)].joined(separator: "\t"))
                seq += 1
            }) {}
        }
        let result = ChunkResult(chunk: task.chunk, datasets: context.inputs.datasets, files: context.staging.files,
                                 sections: output.sections, rejections: output.rejections)
        emit("R\t\(task.chunk)\t" + TaskLine.escape(result.json.rendered()))
        // The attempt that finishes last leaves its folder: attempts write the same bytes.
        if access(folder, F_OK) == 0 { try removeTree(folder) }
        guard rename(attempt, folder) == 0 else {
            throw TaskError("cannot move \(attempt) to \(folder): \(String(cString: strerror(errno)))")
        }
    }

    static func hexHash(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
