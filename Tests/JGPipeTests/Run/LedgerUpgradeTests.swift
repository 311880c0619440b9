import Foundation
import Testing
@testable import JGPipe

/// A ledger written by a jgpipe before the fact-based notice ids (schema 1): the migration keeps
/// its rows readable, and the upgraded jgpipe does not send again what the older one published
/// (`LegacyNoticeIDs`, docs/OPERATIONS.md "Upgrading the ledger").
@Suite struct LedgerUpgradeTests {
    /// The older id: type, recipient, record, due date; ECERT_AVAILABLE without the date.
    func oldID(_ parts: String...) -> String { Notice.identity(parts) }

    /// A schema-1 ledger with the given older runs (as-of dates) and what they published.
    func olderLedger(_ state: String, runs: [String], published: [(id: String, type: String, run: Int)]) throws {
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let db = try SQLiteConnection(path: state + "/" + RunLedger.fileName)
        try db.execute(RunLedger.migrations[0])
        try db.execute("PRAGMA user_version = 1")
        for (k, asOf) in runs.enumerated() {
            try db.execute("INSERT INTO runs (id, as_of, pipeline_sha256, tool_version, output_dir, outcome, started_at) VALUES (\(k + 1), '\(asOf)', 'old', '0.9', '/out', 'succeeded', '\(asOf)T02:00:00Z')")
        }
        for notice in published {
            try db.execute("INSERT INTO published_notices (notice_id, notice_type, first_run_id) VALUES ('\(notice.id)', '\(notice.type)', \(notice.run))")
        }
    }

    let u1 = NoticeNightsTests.u1, u2 = NoticeNightsTests.u2

    /// What the older version published on 06-10 (every unit notice due as it computed it)
    /// and on 07-02 (after the cutover, its unit notices due on that night's date).
    var olderPublications: [(id: String, type: String, run: Int)] {
        [
            (oldID("UNIT_ACCOUNTS_CLEANUP", u1, u1, "2024-06-20"), "UNIT_ACCOUNTS_CLEANUP", 1),
            (oldID("UNIT_NO_LEGAL_PERSON", u2, u2, "2024-07-01"), "UNIT_NO_LEGAL_PERSON", 1),
            (oldID("S2_BOOKING_NOT_NEEDED", "44030519851212002X", "EX002", "2024-06-18"), "S2_BOOKING_NOT_NEEDED", 1),
            (oldID("ECERT_AVAILABLE", "440106198001010019", "LSVAB2BM9RA100001"), "ECERT_AVAILABLE", 1),
            (oldID("UNIT_ACCOUNTS_CLEANUP", u1, u1, "2024-07-02"), "UNIT_ACCOUNTS_CLEANUP", 2),
            (oldID("UNIT_NO_LEGAL_PERSON", u2, u2, "2024-07-02"), "UNIT_NO_LEGAL_PERSON", 2),
        ]
    }

    @Test func theMigrationKeepsOlderRowsAndMarksThem() throws {
        let state = RunHarness.temporaryFolder("jgpipe-upgrade") + "/state"
        try olderLedger(state, runs: ["2024-06-10"], published: Array(olderPublications.prefix(4)))
        let ledger = try RunLedger(path: state + "/" + RunLedger.fileName)
        #expect(try ledger.storedVersion() == RunLedger.schemaVersion)
        #expect(try ledger.publishedNotices().count == 4)
        #expect(try ledger.runs().map(\.asOf) == ["2024-06-10"])
        #expect(try ledger.legacyRunDates() == ["2024-06-10"])
    }

    @Test func aNightAfterTheUpgradeSendsNothingTheOlderVersionSent() throws {
        let base = RunHarness.temporaryFolder("jgpipe-upgrade")
        let state = base + "/state", input = NoticeNightsTests.dump()
        try olderLedger(state, runs: ["2024-06-10", "2024-07-02"], published: olderPublications)
        let night = try NoticeNightsTests.night("2024-07-03", input: input, state: state, base: base)
        // DISABLED U1 is the older 07-02 CLEANUP; C3 U2, S2 and ECERT as the older version sent them.
        #expect(night.written.isEmpty)
        #expect(night.outcome.noticesSuppressed == 4)
        let summary = try readText(base + "/out-2024-07-03/summary.json")
        // S2's fact is its booking date, the date the older id hashed: the same id, found as
        // it is. The other three are found by their older ids.
        #expect(summary.contains("\"suppressed_published_by_older_version\": 3"))
        // Recorded under their ids with the older run that first sent each: found directly next night.
        let ledger = try RunLedger(path: state + "/" + RunLedger.fileName)
        let recorded = try ledger.publishedNotices()
        #expect(recorded.count == 9)
        #expect(recorded.filter { $0.firstRun > 2 }.isEmpty)
        let next = try NoticeNightsTests.night("2024-07-04", input: input, state: state, base: base)
        #expect(next.written.isEmpty)
        #expect(try readText(base + "/out-2024-07-04/summary.json").contains("\"suppressed_published_by_older_version\": 0"))
    }

    @Test func whatTheOlderVersionNeverSaidIsSent() throws {
        // The older version ran only before the cutover: it never told U1 its accounts were
        // disabled, so the upgraded 07-03 night sends UNIT_ACCOUNTS_DISABLED, and nothing else.
        let base = RunHarness.temporaryFolder("jgpipe-upgrade")
        let state = base + "/state"
        try olderLedger(state, runs: ["2024-06-10"], published: Array(olderPublications.prefix(4)))
        let night = try NoticeNightsTests.night("2024-07-03", input: NoticeNightsTests.dump(), state: state, base: base)
        #expect(night.written == ["UNIT_ACCOUNTS_DISABLED \(u1)"])
        #expect(night.outcome.noticesSuppressed == 3)
    }
}
