import Logging

/// The record side of a run: the ledger and the lock (with a state folder), the delivery of the
/// run's notices, and the end of the run as the ledger and the log see it.
struct RunRecord {
    let session: LedgerSession?
    let startedAt: String
    let started = monotonicSeconds()
    let logger: Logger
    /// The input files' digests, once the manifest has them.
    var inputs: [InputFileDigest] = []
    var noticesWritten = 0
    var noticesSuppressed = 0
    /// The ledger's inserts of the notices being published; the connection is this job's until it ends.
    private var recording: BackgroundJob<Void>?

    init(_ request: RunRequest, startedAt: String, logger: Logger) throws {
        session = try request.stateDirectory.map {
            try LedgerSession(stateDirectory: $0, request: request, startedAt: startedAt, logger: logger)
        }
        self.startedAt = startedAt
        self.logger = logger
        if session == nil {
            logger.notice("no --state: no run ledger and no lock; every notice is written (nightly jobs pass --state)")
        }
    }

    /// Writes `notifications.csv`, leaving out the notices the ledger says were published
    /// (unless `allNotices`), while the ledger records the run's notices on a thread of its own.
    ///
    /// When no notice needs looking up (`allNotices`, or a ledger with none published: a first
    /// night), every notice is delivered, so the ledger sorts and inserts the ids the collector
    /// gathered as they came (`NoticeCollector.ids`) beside the delivery, in the transaction
    /// `finishRun` commits. Otherwise the delivered notices are inserted after the delivery, as
    /// they are known only then: inserting all of them beside the look-ups (which `noticeLookups`
    /// allows: they leave out the run's own rows) made a second night of 2M vehicles, 93 % of its
    /// notices already published, take a third more CPU, a seek for each published one and the
    /// two threads taking turns on the connection (docs/BENCHMARKS.md).
    mutating func deliver(_ context: RunContext, allNotices: Bool) throws -> NoticeDelivery {
        guard let session else { return try NoticeDelivery.write(context, lookups: nil, keepingIDs: false) }
        let ledger = session.ledger, run = session.runID
        // Asked before anything is staged: "published" means by an earlier run.
        let lookups = allNotices ? nil : try ledger.noticeLookups(excludingRun: run)
        if lookups == nil {
            try ledger.beginStaging()
            let ids = context.notices.ids
            recording = BackgroundJob { try ledger.stage(ids, run: run) }
            return try NoticeDelivery.write(context, lookups: nil, keepingIDs: false)
        }
        let delivery = try ledger.inReadTransaction { try NoticeDelivery.write(context, lookups: lookups, keepingIDs: true) }
        let written = delivery.writtenIDs, adopted = delivery.adopted
        recording = BackgroundJob { try ledger.stagePublished(written, adopted: adopted, run: run) }
        return delivery
    }

    /// Ends the run: the ledger records its outcome (and, when it succeeded, the notices it
    /// published) in one transaction; the log says how it ended.
    func finish(_ code: ExitCode, _ message: String, _ ledgerOutcome: RunLedgerOutcome, _ context: RunContext) -> RunOutcome {
        let read = context.inputs, notices = context.notices
        var outcome = RunOutcome(code, message)
        outcome.runID = session?.runID
        outcome.datasets = read.datasets
        outcome.notices = notices.count
        outcome.noticesWritten = noticesWritten
        outcome.noticesSuppressed = noticesSuppressed
        if let session {
            let record = RunLedger.Finish(
                outcome: ledgerOutcome, exitCode: code.rawValue, message: message,
                countsJSON: JSONValue.object(read.datasets.map { ($0.0, $0.1.json) }).rendered(), inputs: inputs,
                noticesTotal: notices.count, noticesWritten: noticesWritten,
                noticesSuppressed: noticesSuppressed, endedAt: wallClockNow())
            let staged = Result { try recording?.wait() }
            if case .failure = staged { session.ledger.abandonStaging() }
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
            "ms": "\(Int((monotonicSeconds() - started) * 1000))", "rows": "\(read.recordsRead)",
        ]
        // Notices count as written only when published (issue #11: a refused run said "N notices written").
        if ledgerOutcome == .succeeded {
            metadata["notices_written"] = "\(outcome.noticesWritten)"
            metadata["notices_suppressed"] = "\(outcome.noticesSuppressed)"
        }
        logger.info("run finished", metadata: metadata)
        return outcome
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
