/// How a run ended, as the ledger records it.
public enum RunLedgerOutcome: String, Sendable, CaseIterable {
    /// Still going, or killed before it could say otherwise (see `closeAbandonedRuns`).
    case running
    case succeeded
    /// The rejected share of a dataset was over `run.max_rejected_ratio`: outputs held aside.
    case refused
    case failed
    /// Found still `running` by a later run that held the lock: the process died.
    case killed
}

/// One input file as the run read it.
public struct InputFileDigest: Sendable, Equatable {
    public let dataset: String
    public let file: String
    public let bytes: Int64
    public let sha256: String
}

/// A notice the ledger records as published, with the run that first published it.
public struct PublishedNotice: Sendable, Equatable {
    public let id: String
    public let type: String
    public let firstRun: Int64
}

/// One row of the `runs` table.
public struct LedgerRun: Sendable, Equatable {
    public let id: Int64
    public let asOf: String
    public let pipelineSHA256: String
    public let outcome: RunLedgerOutcome
    public let exitCode: Int32?
    public let noticesWritten: Int64?
    public let noticesSuppressed: Int64?
    public let startedAt: String
    public let endedAt: String?
}

/// The run ledger (SPEC §5): a SQLite file in the state folder recording each run and each
/// published notice, so a later run leaves out what an earlier successful run already published.
public final class RunLedger {
    public static let fileName = "ledger.sqlite"

    /// Migration `i` takes the schema from version `i` to `i + 1`; append, never edit.
    static let migrations: [String] = [
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            as_of TEXT NOT NULL,
            pipeline_sha256 TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            output_dir TEXT NOT NULL,
            outcome TEXT NOT NULL,
            exit_code INTEGER,
            message TEXT,
            counts_json TEXT,
            notices_total INTEGER,
            notices_written INTEGER,
            notices_suppressed INTEGER,
            started_at TEXT NOT NULL,
            ended_at TEXT
        );
        CREATE TABLE run_inputs (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            dataset TEXT NOT NULL,
            file TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            PRIMARY KEY (run_id, file)
        );
        CREATE TABLE published_notices (
            notice_id TEXT PRIMARY KEY,
            notice_type TEXT NOT NULL,
            first_run_id INTEGER NOT NULL REFERENCES runs(id)
        ) WITHOUT ROWID;
        """,
        // SPEC revision of 2026-12-01: a notice's id hashes its fact instead of its due date.
        // Rows published before keep their ids, marked scheme 1; `LegacyNoticeIDs` finds them.
        """
        ALTER TABLE published_notices ADD COLUMN id_scheme INTEGER NOT NULL DEFAULT 1;
        """,
    ]

    /// The notice-id scheme of this jgpipe (see `Notice.id`); older rows have 1.
    static let idScheme = 2

    public static var schemaVersion: Int { migrations.count }

    private let db: SQLiteConnection
    /// A transaction opened by `stagePublished` waits for `finishRun`.
    private var staged = false

    /// Opens (creating when missing) the ledger at `path` and brings its schema up to date.
    public init(path: String) throws(SQLiteError) {
        db = try SQLiteConnection(path: path)
        try db.execute("PRAGMA foreign_keys = ON")
        let found = try storedVersion()
        guard found <= Self.schemaVersion else {
            throw SQLiteError(code: 0, message: "the ledger has schema version \(found), newer than this jgpipe knows (\(Self.schemaVersion)); use a newer jgpipe",
                              sql: "PRAGMA user_version")
        }
        for version in found..<Self.schemaVersion {
            try db.transaction { () throws(SQLiteError) in
                try db.execute(Self.migrations[version])
                try db.execute("PRAGMA user_version = \(version + 1)")
            }
        }
    }

    public func storedVersion() throws(SQLiteError) -> Int {
        Int(try db.prepare("PRAGMA user_version").run().first?.first?.int ?? 0)
    }

    /// Marks runs still `running` as `killed`. Call only while holding the run lock: then no
    /// other run can be going on.
    @discardableResult
    public func closeAbandonedRuns(endedAt: String) throws(SQLiteError) -> [Int64] {
        try db.transaction { () throws(SQLiteError) in
            let ids = try db.prepare("SELECT id FROM runs WHERE outcome = 'running' ORDER BY id").run().compactMap { $0[0].int }
            try db.prepare("UPDATE runs SET outcome = 'killed', ended_at = ?, message = 'the process ended without finishing the run' WHERE outcome = 'running'")
                .run([.text(endedAt)])
            return ids
        }
    }

    /// Records the start of a run; returns its id.
    public func beginRun(asOf: String, pipelineSHA256: String, toolVersion: String, outputDirectory: String,
                         startedAt: String) throws(SQLiteError) -> Int64 {
        try db.prepare("""
            INSERT INTO runs (as_of, pipeline_sha256, tool_version, output_dir, outcome, started_at)
            VALUES (?, ?, ?, ?, 'running', ?)
            """).run([.text(asOf), .text(pipelineSHA256), .text(toolVersion), .text(outputDirectory), .text(startedAt)])
        return db.lastInsertRowID
    }

    /// The as-of dates of the successful runs that published notices under the older id scheme
    /// (`LegacyNoticeIDs`), oldest first; empty when the ledger holds none (a ledger begun by
    /// this jgpipe, the common case, pays one look-up).
    public func legacyRunDates() throws(SQLiteError) -> [String] {
        try db.prepare("""
            SELECT DISTINCT as_of FROM runs
            WHERE outcome = 'succeeded' AND id <= (SELECT max(first_run_id) FROM published_notices WHERE id_scheme = 1)
            ORDER BY as_of
            """).run().compactMap { $0[0].text }
    }

    /// Look-ups of notices published by runs before `run` (the run's own staged rows are not
    /// published: `stage` may insert them meanwhile, in the same transaction), one notice at a
    /// time, so that the run's notices need not be held to be looked up. nil when the ledger
    /// holds no published notice: asked before the run stages any.
    func noticeLookups(excludingRun run: Int64 = 0) throws(SQLiteError) -> NoticeLookups? {
        guard try db.prepare("SELECT 1 FROM published_notices LIMIT 1").yieldsRow() else { return nil }
        let published = try db.prepare("SELECT 1 FROM published_notices WHERE notice_id = ? AND first_run_id <> ?")
        try published.bind(2, run)
        return NoticeLookups(
            published: published,
            legacy: try db.prepare("SELECT first_run_id FROM published_notices WHERE notice_id = ? AND id_scheme = 1"),
            legacyRunDates: try legacyRunDates().compactMap { try? CalendarDate(parsing: $0) })
    }

    /// Runs `body` with `noticeLookups` inside one read transaction (each look-up on its own
    /// would lock and unlock the file).
    func withNoticeLookups<R>(excludingRun run: Int64 = 0, _ body: (NoticeLookups?) throws -> R) throws -> R {
        let lookups = try noticeLookups(excludingRun: run)
        guard lookups != nil else { return try body(nil) }
        return try inReadTransaction { try body(lookups) }
    }

    /// Runs `body`, which reads the ledger, in one read transaction.
    func inReadTransaction<R>(_ body: () throws -> R) throws -> R {
        try db.execute("BEGIN")
        do {
            let result = try body()
            try db.execute("COMMIT")
            return result
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// The look-ups of `noticeLookups`.
    final class NoticeLookups {
        private let published: SQLiteStatement
        private let legacy: SQLiteStatement
        /// The as-of dates of the runs that published under the older ids (`legacyRunDates`).
        let legacyRunDates: [CalendarDate]

        fileprivate init(published: SQLiteStatement, legacy: SQLiteStatement, legacyRunDates: [CalendarDate]) {
            self.published = published
            self.legacy = legacy
            self.legacyRunDates = legacyRunDates
        }

        /// Whether an earlier successful run published the notice of this id.
        func isPublished(_ id: UnsafeBufferPointer<UInt8>) throws(SQLiteError) -> Bool {
            try published.bind(1, utf8: id)
            return try published.yieldsRow()
        }

        /// The run that first published one of these older-scheme ids, or nil.
        func firstLegacyRun(_ ids: [String]) throws(SQLiteError) -> Int64? {
            for id in ids {
                if let run = try legacy.run([.text(id)]).first?.first?.int { return run }
            }
            return nil
        }
    }

    public struct Finish {
        public var outcome: RunLedgerOutcome
        public var exitCode: Int32
        public var message: String
        public var countsJSON: String?
        public var inputs: [InputFileDigest]
        public var noticesTotal: Int
        public var noticesWritten: Int
        public var noticesSuppressed: Int
        public var endedAt: String

        public init(outcome: RunLedgerOutcome, exitCode: Int32, message: String, countsJSON: String? = nil,
                    inputs: [InputFileDigest] = [], noticesTotal: Int = 0, noticesWritten: Int = 0,
                    noticesSuppressed: Int = 0, endedAt: String) {
            self.outcome = outcome
            self.exitCode = exitCode
            self.message = message
            self.countsJSON = countsJSON
            self.inputs = inputs
            self.noticesTotal = noticesTotal
            self.noticesWritten = noticesWritten
            self.noticesSuppressed = noticesSuppressed
            self.endedAt = endedAt
        }
    }

    /// Opens the transaction that `finishRun` closes, for `stage` (on another thread: the
    /// connection is serialized) while this thread delivers the notices and looks them up in it.
    /// A crash before `finishRun` leaves the ledger as it was: nothing is committed before.
    func beginStaging() throws(SQLiteError) {
        try db.execute("BEGIN IMMEDIATE")
        staged = true
    }

    /// Records, in the transaction `beginStaging` opened, every notice of the run: the ones an
    /// earlier run published keep their row (`INSERT OR IGNORE`), so this records what
    /// delivering them publishes, whatever the look-ups decide meanwhile.
    func stage(_ notices: PublishedIDs, run id: Int64) throws(SQLiteError) {
        try insertPublished(notices, run: id)
    }

    /// Rolls back what was staged (its inserts failed): the run is recorded as if nothing was.
    func abandonStaging() {
        guard staged else { return }
        try? db.execute("ROLLBACK")
        staged = false
    }

    /// Opens the transaction that `finishRun` closes and records in it the notices the run is
    /// about to publish, so that the inserts are made while the run writes its last outputs.
    /// Nothing is committed before `finishRun`, which keeps them only for a run that published.
    /// `adopted` are notices an older jgpipe published under their older ids: recorded under
    /// their ids with the run that first published them, so later nights find them directly.
    public func stagePublished(_ notices: [(id: String, type: String)], adopted: [PublishedNotice] = [],
                               run id: Int64) throws(SQLiteError) {
        try stagePublished(PublishedIDs(notices), adopted: adopted, run: id)
    }

    func stagePublished(_ notices: PublishedIDs, adopted: [PublishedNotice] = [], run id: Int64) throws(SQLiteError) {
        try db.execute("BEGIN IMMEDIATE")
        do {
            try insertPublished(notices, run: id)
            let adopt = try db.prepare("INSERT OR IGNORE INTO published_notices (notice_id, notice_type, first_run_id, id_scheme) VALUES (?, ?, ?, \(Self.idScheme))")
            for notice in adopted {
                try adopt.run([.text(notice.id), .text(notice.type), .int(notice.firstRun)])
            }
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
        staged = true
    }

    /// Closes a run and, for a published run, records its notices (`published`, and those of
    /// `stagePublished`): all in one transaction, so the run's outcome and its notices are
    /// recorded together or not at all. Notices already recorded keep their first run.
    public func finishRun(_ id: Int64, _ finish: Finish,
                          published notices: [(id: String, type: String)] = []) throws(SQLiteError) {
        // SPEC §4: only a published run's notices count as published, so a run that did not
        // publish records none written or suppressed, whatever its staging folder held.
        let published = finish.outcome == .succeeded
        let keepStaged = staged && published
        if staged && !keepStaged { try db.execute("ROLLBACK") }
        staged = false
        if !keepStaged { try db.execute("BEGIN IMMEDIATE") }
        do {
            try db.prepare("""
                UPDATE runs SET outcome = ?, exit_code = ?, message = ?, counts_json = ?, notices_total = ?,
                    notices_written = ?, notices_suppressed = ?, ended_at = ?
                WHERE id = ?
                """).run([
                    .text(finish.outcome.rawValue), .int(Int64(finish.exitCode)), .text(finish.message),
                    finish.countsJSON.map(SQLiteValue.text) ?? .null, .int(Int64(finish.noticesTotal)),
                    .int(Int64(published ? finish.noticesWritten : 0)),
                    .int(Int64(published ? finish.noticesSuppressed : 0)), .text(finish.endedAt),
                    .int(id),
                ])
            let input = try db.prepare("INSERT OR REPLACE INTO run_inputs (run_id, dataset, file, bytes, sha256) VALUES (?, ?, ?, ?, ?)")
            for file in finish.inputs {
                try input.run([.int(id), .text(file.dataset), .text(file.file), .int(file.bytes), .text(file.sha256)])
            }
            try insertPublished(PublishedIDs(notices), run: id)
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// In key order: appending to the table's B-tree costs far less than inserting all over it.
    /// `rowsPerInsert` rows a statement (the last statement fewer): one statement's start, cursor
    /// and end serve them all. Rows are inserted in the order they are listed, so the first of
    /// two equal ids keeps its row, as one statement a row would.
    private func insertPublished(_ notices: PublishedIDs, run id: Int64) throws(SQLiteError) {
        guard notices.count > 0 else { return }
        func statement(rows: Int) throws(SQLiteError) -> SQLiteStatement {
            let values = Array(repeating: "(?, ?, \(id), \(Self.idScheme))", count: rows).joined(separator: ", ")
            return try db.prepare("INSERT OR IGNORE INTO published_notices (notice_id, notice_type, first_run_id, id_scheme) VALUES \(values)")
        }
        let order = notices.ids.order()
        let full = try statement(rows: min(Self.rowsPerInsert, order.count))
        var start = 0
        while start < order.count {
            let rows = min(Self.rowsPerInsert, order.count - start)
            let insert = rows == Self.rowsPerInsert || start == 0 ? full : try statement(rows: rows)
            for (k, i) in order[start..<(start + rows)].enumerated() {
                try notices.ids.withKey(i) { bytes throws(SQLiteError) in try insert.bind(Int32(2 * k + 1), utf8: bytes) }
                try notices.types.withKey(Int(notices.typeOf[i])) { bytes throws(SQLiteError) in
                    try insert.bind(Int32(2 * k + 2), utf8: bytes)
                }
            }
            try insert.step()
            start += rows
        }
    }

    /// Within SQLite's oldest limit of 999 parameters a statement (two a row).
    static let rowsPerInsert = 128

    public func runs() throws(SQLiteError) -> [LedgerRun] {
        try db.prepare("""
            SELECT id, as_of, pipeline_sha256, outcome, exit_code, notices_written, notices_suppressed, started_at, ended_at
            FROM runs ORDER BY id
            """).run().map { row in
            LedgerRun(id: row[0].int ?? 0, asOf: row[1].text ?? "", pipelineSHA256: row[2].text ?? "",
                      outcome: RunLedgerOutcome(rawValue: row[3].text ?? "") ?? .failed,
                      exitCode: row[4].int.map(Int32.init), noticesWritten: row[5].int, noticesSuppressed: row[6].int,
                      startedAt: row[7].text ?? "", endedAt: row[8].text)
        }
    }

    public func inputs(ofRun id: Int64) throws(SQLiteError) -> [InputFileDigest] {
        try db.prepare("SELECT dataset, file, bytes, sha256 FROM run_inputs WHERE run_id = ? ORDER BY file").run([.int(id)]).map {
            InputFileDigest(dataset: $0[0].text ?? "", file: $0[1].text ?? "", bytes: $0[2].int ?? 0, sha256: $0[3].text ?? "")
        }
    }

    /// Published notices and the run that first published each.
    public func publishedNotices() throws(SQLiteError) -> [(id: String, firstRun: Int64)] {
        try db.prepare("SELECT notice_id, first_run_id FROM published_notices ORDER BY notice_id").run().map {
            (id: $0[0].text ?? "", firstRun: $0[1].int ?? 0)
        }
    }
}

/// The ids and types of the notices a run publishes, for the ledger: the ids' bytes in one
/// buffer, each type once (≈ 30 bytes a notice instead of two `String`s).
struct PublishedIDs: Sendable {
    fileprivate var ids = ByteKeys(capacity: 0)
    fileprivate var types = ByteKeys(capacity: 8)
    private var typeNames: [[UInt8]] = []
    fileprivate var typeOf: [UInt8] = []
    private(set) var count = 0

    init() {}

    init(_ notices: [(id: String, type: String)]) {
        for notice in notices { append(id: Array(notice.id.utf8)[...], type: Array(notice.type.utf8)[...]) }
    }

    mutating func append<I: Collection<UInt8>, T: Collection<UInt8>>(id: I, type: T) {
        ids.append(bytes: id)
        ids.endKey()
        // Notices come in runs of one type: the last one's is tried first.
        if let last = typeOf.last, typeNames[Int(last)].elementsEqual(type) {
            typeOf.append(last)
        } else if let known = typeNames.firstIndex(where: { $0.elementsEqual(type) }) {
            typeOf.append(UInt8(known))
        } else {
            typeNames.append(Array(type))
            types.append(bytes: type)
            types.endKey()
            typeOf.append(UInt8(typeNames.count - 1))
        }
        count += 1
    }
}
