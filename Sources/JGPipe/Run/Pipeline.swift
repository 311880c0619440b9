import Glibc
import Logging

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

/// The imperative shell of a run: lock and ledger, stages in order, the shared outputs, then
/// publish, then record what was published.
public enum Pipeline {
    public static func stages(for settings: PipelineSettings) throws -> [any PipelineStage] {
        [try UnitAccountStage(settings: settings), try ExamStage(settings: settings),
         try VehicleStage(settings: settings), try LicenceStage(settings: settings),
         try ViolationStage(settings: settings)]
    }

    public static func run(_ request: RunRequest, logger: Logger = .silent) -> RunOutcome {
        let startedAt = wallClockNow()
        let started = monotonicSeconds()
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
        var session: LedgerSession?
        if let state = request.stateDirectory {
            do {
                session = try LedgerSession(stateDirectory: state, request: request, startedAt: startedAt, logger: logger)
            } catch {
                return RunOutcome(exitCode(for: error), "\(error)")
            }
        }
        defer { session?.lock.release() }
        folder.removeStaleStaging(logger: logger)

        let context = RunContext(settings: request.settings, asOf: request.asOf, inputDirectory: request.inputDirectory,
                                 stagingDirectory: folder.staging, logger: logger)
        var outcome = RunOutcome(.ok, "")
        outcome.runID = session?.runID
        var inputs: [InputFileDigest] = []
        // The ledger's inserts of the notices being published; the connection is this job's until it ends.
        var recording: BackgroundJob<Void>?
        func finish(_ code: ExitCode, _ message: String, _ ledgerOutcome: RunLedgerOutcome) -> RunOutcome {
            outcome.exitCode = code
            outcome.message = message
            outcome.datasets = context.datasets
            outcome.notices = context.notices.count
            if let session {
                let record = RunLedger.Finish(
                    outcome: ledgerOutcome, exitCode: code.rawValue, message: message,
                    countsJSON: JSONValue.object(context.datasets.map { ($0.0, $0.1.json) }).rendered(), inputs: inputs,
                    noticesTotal: context.notices.count, noticesWritten: outcome.noticesWritten,
                    noticesSuppressed: outcome.noticesSuppressed, endedAt: wallClockNow())
                let staged = Result { try recording?.wait() }
                do {
                    if ledgerOutcome == .succeeded { try staged.get() }
                    try session.ledger.finishRun(session.runID, record)
                } catch {
                    if ledgerOutcome == .succeeded {
                        outcome.exitCode = .cannotCreate
                        outcome.message = "\(message), but the run ledger could not record them (\(error)): the next run will write these notices again"
                    } else {
                        logger.error("the run ledger could not record this run", metadata: ["error": "\(error)"])
                    }
                }
            }
            var metadata: Logger.Metadata = [
                "exit": "\(outcome.exitCode.rawValue)", "outcome": "\(ledgerOutcome.rawValue)",
                "ms": "\(Int((monotonicSeconds() - started) * 1000))", "rows": "\(context.recordsRead)",
            ]
            // Notices count as written only when published (issue #11: a refused run said "N notices written").
            if ledgerOutcome == .succeeded {
                metadata["notices_written"] = "\(outcome.noticesWritten)"
                metadata["notices_suppressed"] = "\(outcome.noticesSuppressed)"
            }
            logger.info("run finished", metadata: metadata)
            return outcome
        }

        do {
            try folder.prepare()
            if case let .spark(options) = request.engine {
                try SparkEngine.run(options, datasets: inputFolder.present, context: context, staging: folder.staging)
            }
            for stage in stages {
                guard case .embedded = request.engine else { break }
                try StopRequest.check()
                let stageStarted = monotonicSeconds()
                let rowsBefore = context.recordsRead
                try stage.run(context)
                logger.info("stage finished", metadata: RunContext.rate(dataset: stage.name, rows: context.recordsRead - rowsBefore,
                                                                        since: stageStarted).renamed("dataset", to: "stage"))
            }
            try StopRequest.check()
            let sharedStarted = monotonicSeconds()
            // Inputs no stage has had hashed yet are hashed for the manifest on the other core meanwhile.
            context.hashInputsRead()
            let delivery = try NoticeDelivery.write(context, ledger: request.allNotices ? nil : session?.ledger)
            if let session {
                let written = delivery.written, adopted = delivery.adopted
                recording = BackgroundJob {
                    try session.ledger.stagePublished(written, adopted: adopted, run: session.runID)
                }
            }
            try DetachmentWorkbooks.write(context, settings: request.settings.workbooks)
            outcome.noticesWritten = delivery.written.count
            outcome.noticesSuppressed = delivery.suppressed
            let summary = summaryJSON(context, delivery: delivery, inputFolder: inputFolder)
            try writeText(summary.rendered() + "\n", to: context.stagingDirectory + "/summary.json")
            try writeText(RunReport.html(summary: summary, rejections: context.rejections,
                                          detachments: request.settings.detachments),
                          to: context.stagingDirectory + "/report.html")
            logger.info("outputs written", metadata: ["ms": "\(Int((monotonicSeconds() - sharedStarted) * 1000))"])
            let hashStarted = monotonicSeconds()
            inputs = try context.inputDigests()
            try Manifest.write(into: context.stagingDirectory, request: request, inputs: inputs,
                               outputs: context.outputDigests, runID: session?.runID, startedAt: startedAt,
                               finishedAt: wallClockNow())
            logger.info("manifest written", metadata: ["ms": "\(Int((monotonicSeconds() - hashStarted) * 1000))"])
        } catch {
            folder.discard()
            return finish(exitCode(for: error), "\(error)", .failed)
        }
        if let over = context.datasets.first(where: { $0.1.rejectedRatio > request.settings.maxRejectedRatio }) {
            let held = folder.holdAside(logger: logger)
            return finish(.dataError,
                          "\(over.0): \(over.1.rejected) of \(over.1.inputRecords) records rejected, more than run.max_rejected_ratio = \(request.settings.maxRejectedRatio); nothing was published, the outputs are kept for inspection in \(held)",
                          .refused)
        }
        do {
            // The last moment a stop request can keep the outputs from being published.
            try StopRequest.check()
            try folder.publish(logger: logger)
        } catch {
            folder.discard()
            return finish(exitCode(for: error), "\(error)", .failed)
        }
        return finish(.ok, "outputs published in \(folder.target)", .succeeded)
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

    /// `summary.json`: every count, per dataset, rule and detachment; no clock time, so the
    /// same inputs (and ledger) give the same bytes. The report is drawn from the same value.
    static func summaryJSON(_ context: RunContext, delivery: NoticeDelivery, inputFolder: InputFolder) -> JSONValue {
        let tally = context.notices.tally
        return JSONValue.object([
            ("tool_version", .string(JGPipeVersion.current)),
            ("as_of", .string(context.asOf.iso)),
            ("cutover_date", .string(context.settings.cutoverDate.iso)),
            ("effective_date", .string(context.effectiveDate.iso)),
            ("datasets", .object(context.datasets.map { ($0.0, $0.1.json) })),
            // SPEC §5: absent datasets are skipped, not zero rows; files matching no dataset are listed.
            ("skipped_datasets", .array(inputFolder.absent.map(JSONValue.string))),
            ("ignored_files", .array(inputFolder.ignored.map(JSONValue.string))),
        ] + context.sections + [
            ("notifications", .object([
                ("total", .int(context.notices.count)),
                ("not_sms_reachable", .int(tally.unreachable)),
                ("by_type", .counts(tally.byType)),
                ("by_detachment", .counts(tally.byDetachment)),
                ("by_phone_kind", .counts(tally.byPhoneKind)),
                ("not_sms_reachable_by_type", .counts(tally.unreachableByType)),
                ("not_sms_reachable_by_detachment", .counts(tally.unreachableByDetachment)),
                ("written", .int(delivery.written.count)),
                ("suppressed_already_published", .int(delivery.suppressed)),
                ("suppressed_published_by_older_version", .int(delivery.adopted.count)),
            ])),
        ])
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

/// The ledger and the lock of one run, held from before any output is written until the end.
struct LedgerSession {
    let lock: RunLock
    let ledger: RunLedger
    let runID: Int64

    init(stateDirectory: String, request: RunRequest, startedAt: String, logger: Logger) throws {
        try makeDirectories(stateDirectory)
        lock = try RunLock.acquire(stateDirectory: stateDirectory, startedAt: startedAt)
        if let previous = lock.previousHolder {
            logger.warning("took over the run lock left by a run that did not finish", metadata: [
                "previous_pid": "\(previous.pid)", "previous_started_at": "\(previous.startedAt)", "lock": "\(lock.path)",
            ])
        }
        do {
            ledger = try RunLedger(path: stateDirectory + "/" + RunLedger.fileName)
            for id in try ledger.closeAbandonedRuns(endedAt: startedAt) {
                logger.warning("an earlier run never finished; recorded as killed", metadata: ["run_id": "\(id)"])
            }
            runID = try ledger.beginRun(asOf: request.asOf.iso, pipelineSHA256: request.settings.fileHash,
                                        toolVersion: JGPipeVersion.current, outputDirectory: request.outputDirectory,
                                        startedAt: startedAt)
        } catch {
            throw RunError(.cannotCreate, "run ledger \(stateDirectory)/\(RunLedger.fileName): \(error)")
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

/// What `jgpipe validate` found.
public struct ValidationOutcome: Sendable {
    public var exitCode: ExitCode
    public var message: String
    public var datasets: [(String, DatasetCounts)] = []
    public var rejections: [RejectionDigest] = []
}

extension Pipeline {
    /// `jgpipe validate`: reads and checks the inputs with the stages' own loading code, and
    /// publishes only their `*.rejected.csv` into the output folder. Exit 65 when a file is
    /// unusable, or when a dataset's rejected share is over `run.max_rejected_ratio` (the night
    /// run would refuse it); the rejected files are published in that case too, to be read.
    public static func validate(_ request: RunRequest, logger: Logger = .silent) -> ValidationOutcome {
        let startedAt = wallClockNow()
        let folder = OutputFolder(target: request.outputDirectory)
        let stages: [any PipelineStage]
        do {
            let inputFolder: InputFolder
            (stages, inputFolder) = try prepare(request, folder: folder)
            inputFolder.log(to: logger)
        } catch {
            return ValidationOutcome(exitCode: error.exitCode, message: error.message)
        }
        let context = RunContext(settings: request.settings, asOf: request.asOf, inputDirectory: request.inputDirectory,
                                 stagingDirectory: folder.staging, logger: logger)
        do {
            try folder.prepare()
            for stage in stages {
                try StopRequest.check()
                try stage.validate(context)
            }
            context.notices.discard()
            for name in try Manifest.fileNames(in: folder.staging) where !name.hasSuffix(".rejected.csv") {
                unlink(folder.staging + "/" + name)
            }
            // A manifest of the rejected files, so a later run or validate may replace the folder.
            try Manifest.write(into: folder.staging, request: request, inputs: try context.inputDigests(),
                               outputs: context.outputDigests, runID: nil, startedAt: startedAt, finishedAt: wallClockNow())
            try StopRequest.check()
            try folder.publish(logger: logger)
        } catch {
            folder.discard()
            return ValidationOutcome(exitCode: exitCode(for: error), message: "\(error)", datasets: context.datasets,
                                     rejections: context.rejections)
        }
        var outcome = ValidationOutcome(exitCode: .ok, message: "rejected rows written in \(folder.target)",
                                        datasets: context.datasets, rejections: context.rejections)
        if let over = context.datasets.first(where: { $0.1.rejectedRatio > request.settings.maxRejectedRatio }) {
            outcome.exitCode = .dataError
            outcome.message = "\(over.0): \(over.1.rejected) of \(over.1.inputRecords) records rejected, more than run.max_rejected_ratio = \(request.settings.maxRejectedRatio): a run would refuse this dump; rejected rows written in \(folder.target)"
        }
        return outcome
    }
}
