import Glibc
import Logging
import Synchronization

/// What one `jgpipe run` is asked to do.
public struct RunRequest: Sendable {
    public var settings: PipelineSettings
    public var inputDirectory: String
    public var outputDirectory: String
    public var asOf: CalendarDate
    /// The folder of the run ledger and the lock; nil runs without either (tests, one-off use).
    public var stateDirectory: String?
    /// Write every notice, also those an earlier successful run published.
    public var allNotices: Bool
    /// Where the stages run: in this process, or as Spark tasks (docs/SCALE-OUT.md).
    public var engine: RunEngine = .embedded

    public init(settings: PipelineSettings, inputDirectory: String, outputDirectory: String, asOf: CalendarDate,
                stateDirectory: String? = nil, allNotices: Bool = false) {
        self.settings = settings
        self.inputDirectory = inputDirectory
        self.outputDirectory = outputDirectory
        self.asOf = asOf
        self.stateDirectory = stateDirectory
        self.allNotices = allNotices
    }
}

public enum RunEngine: Sendable {
    case embedded
    case spark(SparkOptions)
}

public struct RunOutcome: Sendable {
    public var exitCode: ExitCode
    public var message: String
    public var datasets: [(String, DatasetCounts)] = []
    /// Notices the rules produced.
    public var notices = 0
    /// Notices in `notifications.csv`: all of them, less those already published.
    public var noticesWritten = 0
    public var noticesSuppressed = 0
    /// The ledger's id of this run, when it ran with a state folder.
    public var runID: Int64?

    init(_ exitCode: ExitCode, _ message: String) {
        self.exitCode = exitCode
        self.message = message
    }
}

/// The imperative shell of a run: prepare (checks, lock and ledger), the stages in order, the
/// shared outputs, publish, then record the outcome and what was published.
public enum Pipeline {
    public static func stages(for settings: PipelineSettings) throws -> [any PipelineStage] {
        try StageKind.allCases.map { try $0.make(settings) }
    }

    public static func run(_ request: RunRequest, logger: Logger = .silent) -> RunOutcome {
        let startedAt = wallClockNow()
        let folder = OutputFolder(target: request.outputDirectory)
        let stages: [any PipelineStage]
        let inputFolder: InputFolder
        do {
            (stages, inputFolder) = try prepare(request, folder: folder)
        } catch {
            return RunOutcome(error.exitCode, error.message)
        }
        inputFolder.log(to: logger)
        if case .spark = request.engine {
            do { try SparkEngine.checkSupported(inputFolder) } catch { return RunOutcome(error.exitCode, error.message) }
        }
        var record: RunRecord
        do {
            record = try RunRecord(request, startedAt: startedAt, logger: logger)
        } catch {
            return RunOutcome(exitCode(for: error), "\(error)")
        }
        defer { record.session?.lock.release() }
        folder.removeStaleStaging(logger: logger)

        var context = RunContext(settings: request.settings, asOf: request.asOf, inputDirectory: request.inputDirectory,
                                 stagingDirectory: folder.staging, logger: logger)
        do {
            try folder.prepare()
            context.servicePoints = try ServicePointGuide.load(context.inputs, read: context.settings.read)
            var outputs: [StageOutput] = []
            if case let .spark(options) = request.engine {
                let onSpark = inputFolder.present.filter { !StageKind.driverDatasets.contains($0) }
                outputs = try SparkEngine.run(options, datasets: onSpark, context: context, staging: folder.staging)
                // SPEC §9 reads the run's notices and a few thousand points: after the tasks, here.
                // `stages(for:)` makes the stages in `StageKind.allCases` order.
                let inDriver = zip(StageKind.allCases, stages).filter(\.0.sparkDatasets.isEmpty).map(\.1)
                try runStages(inDriver, context, into: &outputs, logger: logger)
            } else {
                try runStages(stages, context, into: &outputs, logger: logger)
            }
            try StopRequest.check()
            try writeSharedOutputs(request, context, outputs, inputFolder: inputFolder, record: &record)
        } catch {
            folder.discard()
            return record.finish(exitCode(for: error), "\(error)", .failed, context)
        }
        return publish(request, folder, context, record: record)
    }

    /// Checks that come before any lock, input or output: where `--out` lies (64), the input
    /// folder (66), the stages' settings (78), whether `--out` may be replaced (73).
    static func prepare(_ request: RunRequest, folder: OutputFolder) throws(RunError) -> ([any PipelineStage], InputFolder) {
        try folder.checkPlacement(inputDirectory: request.inputDirectory, stateDirectory: request.stateDirectory)
        var isDirectory = stat()
        guard stat(request.inputDirectory, &isDirectory) == 0, isDirectory.st_mode & S_IFMT == S_IFDIR else {
            throw RunError(.noInput, "input folder \(request.inputDirectory) does not exist")
        }
        let stages: [any PipelineStage]
        do {
            stages = try Self.stages(for: request.settings)
            try request.settings.declare(datasets: stages.flatMap(\.datasets))
            try request.settings.checkAllKeysKnown()
        } catch {
            throw RunError(.config, "pipeline file: \(error)")
        }
        let datasets = stages.flatMap(\.datasets).map(\.name)
        let inputFolder = try InputFolder(path: request.inputDirectory, datasets: datasets,
                                          fileName: request.settings.inputFile(for:))
        try folder.checkReplaceable()
        return (stages, inputFolder)
    }

    /// The stages in order, each one's output collected (with the files it staged and the
    /// notices it added) into `outputs`, which keeps those of the stages before one that fails.
    static func runStages(_ stages: [any PipelineStage], _ context: RunContext, into outputs: inout [StageOutput],
                          logger: Logger, validating: Bool = false) throws {
        for stage in stages {
            try StopRequest.check()
            let started = monotonicSeconds()
            let rowsBefore = context.inputs.recordsRead, filesBefore = context.staging.files.count
            let noticesBefore = context.notices.count
            var output = validating ? try stage.validate(context) : try stage.run(context)
            output.files = Array(context.staging.files[filesBefore...])
            output.notices = context.notices.count - noticesBefore
            outputs.append(output)
            guard !validating else { continue }
            var metadata = RunInputs.rate(dataset: stage.name, rows: context.inputs.recordsRead - rowsBefore, since: started)
                .renamed("dataset", to: "stage")
            metadata["files"] = "\(output.files.count)"
            metadata["notices"] = "\(output.notices)"
            logger.info("stage finished", metadata: metadata)
        }
    }

    /// A test-only fault point at the end of the notices' delivery, called with the staging folder
    /// while the workbooks are being written: the tests prove that a delivery failing there
    /// publishes nothing and records no notice (WorkbookDeliveryFailureTests).
    static let faultAfterNoticeDelivery = Mutex<(@Sendable (String) throws -> Void)?>(nil)

    /// `notifications.csv` (less what the ledger says was published, which it starts recording
    /// meanwhile) and the workbooks at once, then `summary.json`, `report.html` and `manifest.json`,
    /// into the staging folder.
    static func writeSharedOutputs(_ request: RunRequest, _ context: RunContext, _ outputs: [StageOutput],
                                   inputFolder: InputFolder, record: inout RunRecord) throws {
        let logger = context.inputs.logger
        let started = monotonicSeconds()
        // Inputs no stage has had hashed yet are hashed for the manifest on the other core meanwhile.
        context.inputs.hashInputsRead()
        // The workbooks begin while the notices are delivered (DetachmentWorkbooks.Writing).
        let workbooks = request.settings.workbooks.enabled
            ? DetachmentWorkbooks.Writing(context, settings: request.settings.workbooks) : nil
        let delivery: NoticeDelivery
        do {
            delivery = try record.deliver(context, allNotices: request.allNotices)
            try faultAfterNoticeDelivery.withLock { $0 }?(context.stagingDirectory)
        } catch {
            workbooks?.stop(after: error)
            throw error
        }
        workbooks?.noticesDelivered()
        try workbooks?.finish()
        record.noticesWritten = delivery.written
        record.noticesSuppressed = delivery.suppressed
        let summary = summaryJSON(context, outputs, delivery: delivery, inputFolder: inputFolder,
                                  ledger: request.stateDirectory != nil)
        try writeText(summary.rendered() + "\n", to: context.stagingDirectory + "/summary.json")
        try writeText(RunReport.html(summary: summary, rejections: outputs.flatMap(\.rejections),
                                      detachments: request.settings.detachments),
                      to: context.stagingDirectory + "/report.html")
        logger.info("outputs written", metadata: ["ms": "\(Int((monotonicSeconds() - started) * 1000))"])
        let hashStarted = monotonicSeconds()
        record.inputs = try context.inputs.digests()
        try Manifest.write(into: context.stagingDirectory, request: request, inputs: record.inputs,
                           outputs: context.staging.digests, runID: record.session?.runID, startedAt: record.startedAt,
                           finishedAt: wallClockNow())
        logger.info("manifest written", metadata: ["ms": "\(Int((monotonicSeconds() - hashStarted) * 1000))"])
    }

    /// Publishes the staged outputs, unless a dataset's rejected share is over
    /// `run.max_rejected_ratio` (then they are held aside for inspection), and records the outcome.
    static func publish(_ request: RunRequest, _ folder: OutputFolder, _ context: RunContext,
                        record: RunRecord) -> RunOutcome {
        let logger = context.inputs.logger
        if let over = context.inputs.datasets.first(where: { $0.1.rejectedRatio > request.settings.maxRejectedRatio }) {
            let held = folder.holdAside(logger: logger)
            return record.finish(.dataError,
                                 "\(over.0): \(over.1.rejected) of \(over.1.inputRecords) records rejected, more than run.max_rejected_ratio = \(request.settings.maxRejectedRatio); nothing was published, the outputs are kept for inspection in \(held)",
                                 .refused, context)
        }
        do {
            // The last moment a stop request can keep the outputs from being published.
            try StopRequest.check()
            try folder.publish(logger: logger)
        } catch {
            folder.discard()
            return record.finish(exitCode(for: error), "\(error)", .failed, context)
        }
        return record.finish(.ok, "outputs published in \(folder.target)", .succeeded, context)
    }

    static func exitCode(for error: Error) -> ExitCode {
        switch error {
        case let error as RunError: error.exitCode
        case let error as InputFileError: error.kind == .unreadable ? .noInput : .dataError
        case is SettingsError: .config
        case is OutputFileError: .cannotCreate
        case is SQLiteError: .cannotCreate
        default: .dataError
        }
    }

    static func writeText(_ text: String, to path: String) throws {
        guard let file = fopen(path, "w") else {
            throw OutputFileError(file: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        guard fputs(text, file) >= 0 else {
            fclose(file)
            throw OutputFileError(file: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
        guard fclose(file) == 0 else {
            throw OutputFileError(file: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
    }
}

extension Logger.Metadata {
    func renamed(_ key: String, to newKey: String) -> Logger.Metadata {
        var copy = self
        copy[newKey] = copy.removeValue(forKey: key)
        return copy
    }
}
