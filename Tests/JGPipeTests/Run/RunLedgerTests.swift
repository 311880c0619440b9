import Foundation
import Testing
@testable import JGPipe

/// SPEC §4–§5 run ledger: a notice an earlier successful run published is left out, unless
/// --all-notices; runs that do not publish record nothing as published.
@Suite struct RunLedgerTests {
    func ledger(_ state: String) throws -> RunLedger { try RunLedger(path: state + "/" + RunLedger.fileName) }

    func noticeIDs(_ output: String) throws -> [String] {
        try RunHarness.records(output + "/notifications.csv").map { $0["notice_id"]! }
    }

    @Test func secondRunLeavesOutPublishedNotices() throws {
        let base = RunHarness.temporaryFolder()
        let state = base + "/state"
        let first = try ledgerRun(output: base + "/night1", state: state)
        #expect(first.exitCode == .ok, "\(first.message)")
        let published = try noticeIDs(base + "/night1")
        // samples/expectations/utf8/notices.csv: 9 notices derived by hand (7 clean-ups, 2 C3).
        #expect(try RunHarness.records(repositoryRoot + "/samples/expectations/utf8/notices.csv").count == 9)
        #expect(published.count == 9)
        #expect(first.noticesWritten == 9 && first.noticesSuppressed == 0)

        let second = try ledgerRun(output: base + "/night2", state: state)
        #expect(second.exitCode == .ok, "\(second.message)")
        #expect(try noticeIDs(base + "/night2").isEmpty)
        #expect(second.notices == 9 && second.noticesWritten == 0 && second.noticesSuppressed == 9)
        let summary = try readText(base + "/night2/summary.json")
        #expect(summary.contains("\"suppressed_already_published\": 9"))
        #expect(summary.contains("\"written\": 0"))

        let recorded = try ledger(state).publishedNotices()
        #expect(recorded.map(\.id) == published.sorted())
        #expect(recorded.allSatisfy { $0.firstRun == first.runID })
        let runs = try ledger(state).runs()
        #expect(runs.map(\.outcome) == [.succeeded, .succeeded])
        #expect(runs.map(\.noticesWritten) == [9, 0])
        #expect(runs.map(\.noticesSuppressed) == [0, 9])
        #expect(runs.allSatisfy { $0.asOf == "2024-06-01" && $0.pipelineSHA256 == "test-pipeline-hash" && $0.endedAt != nil })
        let inputs = try ledger(state).inputs(ofRun: first.runID!)
        #expect(inputs.map(\.file) == ["unit_accounts.csv", "units.csv"])
        #expect(inputs.first { $0.file == "units.csv" }?.sha256 == (try systemSHA256(sampleInput + "/units.csv")))
    }

    @Test func allNoticesPutsEveryNoticeBack() throws {
        let base = RunHarness.temporaryFolder()
        let state = base + "/state"
        #expect(try ledgerRun(output: base + "/a", state: state).exitCode == .ok)
        #expect(try ledgerRun(output: base + "/b", state: state).noticesWritten == 0)
        let again = try ledgerRun(output: base + "/c", state: state, allNotices: true)
        #expect(again.exitCode == .ok)
        #expect(again.noticesWritten == 9 && again.noticesSuppressed == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: base + "/a/notifications.csv"))
        let rerun = try Data(contentsOf: URL(fileURLWithPath: base + "/c/notifications.csv"))
        #expect(first == rerun)
        // Re-publishing keeps each notice's first run.
        #expect(try ledger(state).publishedNotices().allSatisfy { $0.firstRun == 1 })
    }

    /// max_rejected_ratio refusal: exit 65, nothing published, outputs held aside, and the
    /// ledger records the refusal but no notice, so the next good run writes them all.
    @Test func refusedRunPublishesAndRecordsNothing() throws {
        let base = RunHarness.temporaryFolder()
        let state = base + "/state"
        let out = base + "/out"
        // units.csv of the samples has 2 rejected rows of 10: 20 % > 5 %.
        let refused = try ledgerRun(output: out, state: state, overrides: [])
        #expect(refused.exitCode == .dataError)
        #expect(refused.message.contains("units: 2 of 10 records rejected"))
        #expect(!fileExists(out))
        #expect(fileExists(out + ".held/notifications.csv"))
        #expect(fileExists(out + ".held/manifest.json"))
        #expect(try ledger(state).publishedNotices().isEmpty)
        #expect(try ledger(state).runs().map(\.outcome) == [.refused])
        #expect(try ledger(state).runs().first?.exitCode == 65)
        #expect(try ledger(state).runs().first?.noticesWritten == 0)

        let accepted = try ledgerRun(output: out, state: state)
        #expect(accepted.exitCode == .ok)
        #expect(accepted.noticesWritten == 9)
        #expect(try ledger(state).publishedNotices().count == 9)
    }

    @Test func failedRunRecordsNothingPublished() throws {
        let base = RunHarness.temporaryFolder()
        let input = RunHarness.inputFolder(["units.csv": "unit_name\n穗天河物流有限公司\n"])
        let outcome = try ledgerRun(input: input, output: base + "/out", state: base + "/state")
        #expect(outcome.exitCode == .dataError)
        #expect(!fileExists(base + "/out"))
        let runs = try ledger(base + "/state").runs()
        #expect(runs.map(\.outcome) == [.failed])
        #expect(try ledger(base + "/state").publishedNotices().isEmpty)
    }

    @Test func schemaIsMigratedOnceAndVersioned() throws {
        let state = RunHarness.temporaryFolder()
        let path = state + "/" + RunLedger.fileName
        let first = try RunLedger(path: path)
        #expect(try first.storedVersion() == RunLedger.schemaVersion)
        let id = try first.beginRun(asOf: "2024-06-01", pipelineSHA256: "h", toolVersion: "t", outputDirectory: "o",
                                    startedAt: "s")
        // Opening again must not re-run migrations (which would fail on existing tables) or lose rows.
        let reopened = try RunLedger(path: path)
        #expect(try reopened.runs().map(\.id) == [id])
        #expect(try reopened.runs().first?.outcome == .running)
        #expect(try reopened.closeAbandonedRuns(endedAt: "later") == [id])
        #expect(try reopened.runs().first?.outcome == .killed)
    }

    /// Published notices are inserted in id order from bytes: every id with its own type, the
    /// first run kept for an id seen before, an empty text stored as empty (not NULL).
    @Test func publishedNoticesAreRecordedWhateverTheirOrder() throws {
        let state = RunHarness.temporaryFolder()
        let path = state + "/" + RunLedger.fileName
        let ledger = try RunLedger(path: path)
        let first = try ledger.beginRun(asOf: "a", pipelineSHA256: "h", toolVersion: "t", outputDirectory: "o", startedAt: "s")
        try ledger.finishRun(first, RunLedger.Finish(outcome: .succeeded, exitCode: 0, message: "", endedAt: "e"),
                             published: [(id: "b2", type: "T1"), (id: "a1", type: "T2")])
        let second = try ledger.beginRun(asOf: "a", pipelineSHA256: "h", toolVersion: "t", outputDirectory: "o", startedAt: "s")
        let notices = (0..<500).map { (id: String(($0 * 7_919) % 1_000, radix: 16), type: "T\($0 % 3)") }
            + [(id: "a1", type: "T9"), (id: "", type: "")]
        try ledger.finishRun(second, RunLedger.Finish(outcome: .succeeded, exitCode: 0, message: "", endedAt: "e"),
                             published: notices)
        let rows = try SQLiteConnection(path: path)
            .prepare("SELECT notice_id, notice_type, first_run_id FROM published_notices ORDER BY notice_id").run()
        var expected = [String: (type: String, run: Int64)]()
        for notice in notices where expected[notice.id] == nil { expected[notice.id] = (notice.type, second) }
        expected["a1"] = ("T2", first)
        expected["b2"] = ("T1", first)
        #expect(rows.count == expected.count)
        for row in rows {
            let id = try #require(row[0].text)
            #expect(row[1].text == expected[id]?.type && row[2].int == expected[id]?.run, "\(id)")
        }
    }

    /// Which of `ids` the ledger's look-ups call published.
    private func published(_ ledger: RunLedger, among ids: [String]) throws -> Set<String> {
        try ledger.withNoticeLookups { lookups in
            guard let lookups else { return [] }
            return Set(try ids.filter { id in
                var id = id
                return try id.withUTF8 { try lookups.isPublished($0) }
            })
        }
    }

    /// A run asks only about its own notices: the published ones among them come back, whatever
    /// else the ledger holds; an empty ledger answers without a look-up.
    @Test func publishedAmongTheRunsNoticesOnly() throws {
        let state = RunHarness.temporaryFolder()
        let ledger = try RunLedger(path: state + "/" + RunLedger.fileName)
        #expect(try ledger.withNoticeLookups { $0 == nil })
        #expect(try published(ledger, among: ["n1", "n2"]).isEmpty)
        let run = try ledger.beginRun(asOf: "a", pipelineSHA256: "h", toolVersion: "t", outputDirectory: "o", startedAt: "s")
        try ledger.finishRun(run, RunLedger.Finish(outcome: .succeeded, exitCode: 0, message: "", endedAt: "e"),
                             published: [(id: "n1", type: "T"), (id: "n3", type: "T"), (id: "old", type: "T"), (id: "", type: "T")])
        #expect(try published(ledger, among: ["n3", "n2", "n1", "n1"]) == ["n1", "n3"])
        #expect(try published(ledger, among: ["", "n"]) == [""])
        #expect(try published(ledger, among: []).isEmpty)
    }

    /// Notices staged while the run writes its last outputs count only once `finishRun` closes a
    /// run that published; a run that did not is recorded without them.
    @Test(arguments: [RunLedgerOutcome.succeeded, .failed, .refused])
    func stagedNoticesAreKeptOnlyForAPublishedRun(_ outcome: RunLedgerOutcome) throws {
        let state = RunHarness.temporaryFolder()
        let ledger = try RunLedger(path: state + "/" + RunLedger.fileName)
        let run = try ledger.beginRun(asOf: "a", pipelineSHA256: "h", toolVersion: "t", outputDirectory: "o", startedAt: "s")
        try ledger.stagePublished([(id: "n2", type: "T"), (id: "n1", type: "T")], run: run)
        try ledger.finishRun(run, RunLedger.Finish(outcome: outcome, exitCode: 0, message: "m", endedAt: "e"))
        let reopened = try RunLedger(path: state + "/" + RunLedger.fileName)
        #expect(try reopened.runs().map(\.outcome) == [outcome])
        #expect(try reopened.publishedNotices().map(\.id) == (outcome == .succeeded ? ["n1", "n2"] : []))
    }

    /// The run's notices are staged on another thread while its delivery looks them up on the same
    /// connection (`RunRecord.deliver`): the look-ups call published only what an earlier run
    /// published, however the inserts interleave with them; a published run keeps every notice
    /// with its first run, a failed one and one that never finishes (the process died) record
    /// none of its own.
    @Test(arguments: ["succeeded", "failed", "died"])
    func stagingBesideTheLookupsSeesOnlyEarlierRuns(_ end: String) throws {
        let state = RunHarness.temporaryFolder()
        let path = state + "/" + RunLedger.fileName
        func id(_ n: Int) -> String { let hex = String(n, radix: 16); return String(repeating: "0", count: 20 - hex.count) + hex }
        let earlier = (0..<10_000).map { id($0 * 2) }
        let now = (0..<20_000).map(id)
        do {
            let ledger = try RunLedger(path: path)
            let first = try ledger.beginRun(asOf: "a", pipelineSHA256: "h", toolVersion: "t", outputDirectory: "o", startedAt: "s")
            try ledger.finishRun(first, RunLedger.Finish(outcome: .succeeded, exitCode: 0, message: "", endedAt: "e"),
                                 published: earlier.map { (id: $0, type: "OLD") })
            let second = try ledger.beginRun(asOf: "b", pipelineSHA256: "h", toolVersion: "t", outputDirectory: "o", startedAt: "s")
            let lookups = try #require(try ledger.noticeLookups(excludingRun: second))
            try ledger.beginStaging()
            let staged = PublishedIDs(now.reversed().map { (id: $0, type: "NEW") })
            let job = BackgroundJob { try ledger.stage(staged, run: second) }
            var published: [String] = []
            for _ in 0..<3 {
                for id in now {
                    var id = id
                    if try id.withUTF8({ try lookups.isPublished($0) }) { published.append(id) }
                }
            }
            try job.wait()
            // Every even id, three times; a staged id called published is named.
            let stagedCalledPublished = published.filter { Int($0, radix: 16)! % 2 == 1 }.prefix(3)
            #expect(published.count == 3 * earlier.count && stagedCalledPublished.isEmpty, "staged ids called published: \(Array(stagedCalledPublished))")
            switch end {
            case "succeeded", "failed":
                let outcome: RunLedgerOutcome = end == "succeeded" ? .succeeded : .failed
                try ledger.finishRun(second, RunLedger.Finish(outcome: outcome, exitCode: 0, message: "", endedAt: "e"))
            default:
                break // the connection closes with the transaction open, as when the process dies
            }
        }
        let reopened = try RunLedger(path: path)
        let rows = try reopened.publishedNotices()
        let earlierSet = Set(earlier)
        let expected = end == "succeeded"
            ? now.map { (id: $0, firstRun: Int64(earlierSet.contains($0) ? 1 : 2)) }
            : earlier.map { (id: $0, firstRun: Int64(1)) }
        #expect(rows.map(\.id) == expected.map(\.id))
        #expect(rows.map(\.firstRun) == expected.map(\.firstRun))
        #expect(try reopened.runs().map(\.outcome) == [.succeeded, end == "succeeded" ? .succeeded : end == "failed" ? .failed : .running])
    }

    @Test func sqlErrorsCarryTheStatementAndCode() throws {
        let state = RunHarness.temporaryFolder()
        let db = try SQLiteConnection(path: state + "/x.sqlite")
        do {
            try db.execute("SELECT * FROM no_such_table")
            Issue.record("expected an error")
        } catch {
            #expect(error.sql == "SELECT * FROM no_such_table")
            #expect(error.code == 1) // SQLITE_ERROR
            #expect(error.message.contains("no_such_table"))
        }
    }

    /// A ledger written by a newer jgpipe is refused rather than misread.
    @Test func newerSchemaIsRefused() throws {
        let state = RunHarness.temporaryFolder()
        let path = state + "/" + RunLedger.fileName
        try SQLiteConnection(path: path).execute("PRAGMA user_version = 99")
        #expect(throws: SQLiteError.self) { try RunLedger(path: path) }
    }
}
