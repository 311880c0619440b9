import Glibc

/// `jgpipe task stage`: one stage over one byte range of its dataset, on a Spark executor.
/// The stage's own `run` does the work on a `RunContext` whose reads cover only the task's
/// records (`ReadOptions.segments`) and which applies the decisions on keys found in several
/// tasks (`CrossTaskDuplicates`), so every rule has its one definition. The task writes its
/// parts of the row files into its chunk folder and prints, as `TaskLine`s:
///
///     N <order key> <chunk> <seq> <notice fields>    the notices, to be sorted globally
///     W <file, order key> <chunk> <seq> <file, row fields>   rows of the globally sorted files
///     R <chunk> <result JSON>       counts, the summary section, the rejections digest
///     E <chunk> <exit code> <message>   the task's input is unusable (as a whole-file read says)
///
/// Deterministic and without side effects beyond its chunk folder, which a retried attempt
/// replaces whole: Spark may run a task twice.
public enum StageTask {
    /// The datasets the Spark engine runs: each is cut into tasks of its own but
    /// `vehicle_users` (the violation stage reads it beside `violations`); the units and their
    /// accounts are one stage's, run as a units task and the unit-account tasks (`UnitAccountTasks`).
    public static let supportedDatasets = StageKind.allCases.flatMap(\.sparkDatasets)

    /// Datasets read by another stage's task, not cut into tasks of their own.
    static let secondaryDatasets: Set = ["vehicle_users"]

    /// Stages that run as one task over their whole file: W1 (a notice per vehicle over all its
    /// unprocessed violations) and the summary's distinct-vehicle counts need every violation of
    /// a vehicle in one place, which a shuffle by vehicle would give (docs/SCALE-OUT.md). The
    /// task reads `vehicles.csv` (the directory) and `vehicle_users.csv` whole from the shared
    /// input folder, as the embedded stage does.
    /// The units are one task too: every unit-account task reads them whole (`UnitAccountTasks`).
    static let wholeFileDatasets: Set = ["violations", "units"]

    /// Outputs whose row order spans the whole dataset: their rows are sorted by the engine
    /// (by these columns, then chunk and input order), the others are concatenated in chunk
    /// order. The vehicles' work list: detachment_code, due_on, vin (`VehicleStage.run`); the
    /// licences' cancellation list: detachment_code, cancel_due_on, holder_id_no (`LicenceStage.run`).
    static let globallySorted: [String: [Int]] = [
        "vehicles.deregistration_worklist.csv": positions(of: ["detachment_code", "due_on", "vin"],
                                                          in: VehicleStage.worklistColumns),
        "driver_licences.cancellation_worklist.csv": positions(of: ["detachment_code", "cancel_due_on", "holder_id_no"],
                                                               in: LicenceStage.worklistColumns),
    ]

    private static func positions(of names: [String], in columns: [String]) -> [Int] {
        names.map { name in columns.firstIndex(of: name)! }
    }

    public static func chunkFolder(_ workDirectory: String, _ task: ChunkTask) -> String {
        workDirectory + "/\(task.dataset)/chunk-" + TaskLine.padded(task.chunk)
    }

    public static func run(_ task: ChunkTask, settings: PipelineSettings, asOf: CalendarDate, inputDirectory: String,
                           workDirectory: String, crossTaskDuplicates: [Int: CrossTaskDuplicates.Fate]? = nil,
                           emit: (String) -> Void) throws {
        // Violations and units are one task over the whole file: duplicates are the stage's own.
        guard let stage = try StageKind.taskStage(for: task.dataset, settings: settings) else {
            throw TaskError("the Spark engine has no stage task for \(task.dataset) yet")
        }
        try run(task, settings: settings, asOf: asOf, inputDirectory: inputDirectory, workDirectory: workDirectory,
                crossTaskDuplicates: crossTaskDuplicates, emit: emit, body: stage.run)
    }

    /// `body` over the task's records, in an attempt folder that becomes the chunk folder when
    /// done; prints its notices (`N`), rows of globally sorted files (`W`) and result (`R`), or
    /// `E` when it throws.
    static func run(_ task: ChunkTask, settings: PipelineSettings, asOf: CalendarDate, inputDirectory: String,
                    workDirectory: String, crossTaskDuplicates: [Int: CrossTaskDuplicates.Fate]?,
                    emit: (String) -> Void, body: (RunContext) throws -> StageOutput) throws {
        var chunkSettings = settings
        // A whole-file task reads its other inputs too (the vehicle directory, the users):
        // `reading` leaves the byte ranges and encoding of its own file out.
        chunkSettings.read = try TaskDataset.reading(task, settings: settings, inputDirectory: inputDirectory).1
        chunkSettings.read.crossTaskDuplicates = crossTaskDuplicates

        let folder = chunkFolder(workDirectory, task)
        let attempt = try attemptFolder(folder)
        var context = RunContext(settings: chunkSettings, asOf: asOf, inputDirectory: inputDirectory, stagingDirectory: attempt)
        let output: StageOutput
        do {
            // The whole run's read options: the task's byte ranges are its own dataset's.
            context.servicePoints = try ServicePointGuide.load(context.inputs, read: settings.read)
            output = try body(context)
        } catch {
            try? removeTree(attempt)
            emit(["E", String(task.chunk), String(Pipeline.exitCode(for: error).rawValue), TaskLine.escape("\(error)")]
                .joined(separator: "\t"))
            return
        }
        let chunk = TaskLine.padded(task.chunk)
        try emitNotices(context.notices, source: chunk, emit: emit)
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
        try finish(attempt, as: folder)
    }

    /// A new folder for this attempt at `folder`: attempts of one task may run at once on
    /// several hosts (speculation, a lost executor).
    static func attemptFolder(_ folder: String) throws -> String {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let attempt = folder + ".attempt-\(String(cString: host))-\(getpid())"
        try makeDirectories(attempt)
        return attempt
    }

    /// The attempt that finishes last leaves its folder: attempts write the same bytes.
    static func finish(_ attempt: String, as folder: String) throws {
        if access(folder, F_OK) == 0 { try removeTree(folder) }
        guard rename(attempt, folder) == 0 else {
            throw TaskError("cannot move \(attempt) to \(folder): \(String(cString: strerror(errno)))")
        }
    }

    /// The notices as `N` lines: in SPEC §4 order within the task (equal keys in input order);
    /// the engine's sort by (key, source, this sequence) is then the whole run's order.
    static func emitNotices(_ notices: NoticeCollector, source: String, emit: (String) -> Void) throws {
        var seq = 0
        try notices.drainInOutputOrder { notice in
            emit(["N", TaskLine.escape(String(decoding: notice.key, as: UTF8.self)), source, TaskLine.padded(seq),
                  TaskLine.payload(Notice.columns.indices.map(notice.string))].joined(separator: "\t"))
            seq += 1
        }
    }
}
