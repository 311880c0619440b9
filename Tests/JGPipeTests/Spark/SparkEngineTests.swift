import Foundation
import Testing
@testable import JGPipe

/// The Spark engine's path without Spark (`LocalTaskRunner` in the job's place): the exams,
/// vehicles, licences and violations of both sample encodings cut into several tasks give
/// every output file of the embedded run byte for byte (the manifest's clock times aside); what the engine cannot run yet is
/// refused with exit 69. scripts/spark-differential.sh runs the same comparison on Spark.
@Suite("Spark engine, worker mode")
struct SparkEngineTests {
    /// A vehicles-only input folder from a sample, without the lines `dropping` names.
    static func vehiclesOnly(_ set: String, dropping: (String) -> Bool = { _ in false }) throws -> String {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: RunHarness.samples + "/\(set)/vehicles.csv"))
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        lines = lines.enumerated().filter { $0.offset == 0 || !dropping(String(decoding: $0.element, as: UTF8.self)) }.map(\.element)
        let folder = RunHarness.temporaryFolder("jgpipe-spark-in")
        FileManager.default.createFile(atPath: folder + "/vehicles.csv", contents: Data(lines.joined(separator: [0x0A])))
        return folder
    }

    /// The sample's datasets the Spark engine runs (all but the units and their accounts),
    /// each without the exact copies of an earlier line, so that every cut leaves a
    /// duplicate key in one task.
    static func sparkDatasets(_ set: String) throws -> String {
        let folder = RunHarness.temporaryFolder("jgpipe-spark-in")
        for name in ["exam_enrollments", "vehicles", "driver_licences", "violations", "vehicle_users"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: RunHarness.samples + "/\(set)/\(name).csv"))
            var seen = Set<Data>()
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).filter { $0.isEmpty || seen.insert(Data($0)).inserted }
            FileManager.default.createFile(atPath: folder + "/\(name).csv", contents: Data(lines.joined(separator: [0x0A])))
        }
        return folder
    }

    static func run(_ input: String, spark chunkBytes: Int?) throws -> (RunOutcome, String) {
        var values: [String: SettingValue] = [:]
        try PipelineFile.apply(override: "run.max_rejected_ratio=1", to: &values)
        let settings = try PipelineSettings(values: values)
        let out = RunHarness.temporaryFolder("jgpipe-spark-out") + "/out"
        let asOf = try CalendarDate(parsing: "2024-06-01")
        var request = RunRequest(settings: settings, inputDirectory: input, outputDirectory: out, asOf: asOf)
        if let chunkBytes { request.engine = .spark(try LocalTaskRunner.options(chunkBytes: chunkBytes, settings: settings, asOf: asOf)) }
        return (Pipeline.run(request), out)
    }

    static func expectSameOutputs(_ embedded: String, _ spark: String) throws {
        let files = try RunHarness.outputFiles(embedded)
        #expect(try RunHarness.outputFiles(spark) == files)
        for file in files where file != "manifest.json" {
            let a = try Data(contentsOf: URL(fileURLWithPath: embedded + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: spark + "/" + file))
            #expect(a == b, "\(file) differs")
        }
        let manifest = { (folder: String) in
            try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8).split(separator: "\n")
                .filter { !$0.contains("_at\"") }
        }
        #expect(try manifest(spark) == manifest(embedded))
    }

    /// The sample's one duplicate (an exact copy of the first vehicle) is dropped, so that
    /// every cut leaves it in one task.
    @Test(arguments: ["utf8", "gb18030"], [400, 1500, 1 << 20])
    func samplesGiveTheEmbeddedOutputs(set: String, chunkBytes: Int) throws {
        var seen = Set<String>()
        let input = try Self.vehiclesOnly(set) { line in !seen.insert(line).inserted }
        let (embedded, embeddedOut) = try Self.run(input, spark: nil)
        let (spark, sparkOut) = try Self.run(input, spark: chunkBytes)
        #expect(embedded.exitCode == .ok)
        #expect(spark.exitCode == .ok, "\(spark.message)")
        #expect(spark.datasets.map(\.1) == embedded.datasets.map(\.1))
        try Self.expectSameOutputs(embeddedOut, sparkOut)
    }

    /// Every stage the engine runs, both encodings, cut into several tasks a dataset (the
    /// violations stay one task).
    @Test(arguments: ["utf8", "gb18030"], [400, 1500, 1 << 20])
    func everySparkStageGivesTheEmbeddedOutputs(set: String, chunkBytes: Int) throws {
        try Self.expectTheEmbeddedOutputs(try Self.sparkDatasets(set), chunkBytes: chunkBytes)
    }

    /// `input` run embedded and on the engine cut into `chunkBytes` tasks: both succeed, with
    /// the same datasets, counts and output files.
    static func expectTheEmbeddedOutputs(_ input: String, chunkBytes: Int) throws {
        let (embedded, embeddedOut) = try Self.run(input, spark: nil)
        let (spark, sparkOut) = try Self.run(input, spark: chunkBytes)
        #expect(embedded.exitCode == .ok, "\(embedded.message)")
        #expect(spark.exitCode == .ok, "\(spark.message)")
        #expect(spark.datasets.map(\.0) == embedded.datasets.map(\.0))
        #expect(spark.datasets.map(\.1) == embedded.datasets.map(\.1))
        try Self.expectSameOutputs(embeddedOut, sparkOut)
    }

    /// Keys whose copies fall into different tasks are decided over all copies: the vehicles
    /// sample's exact copy collapses, the licence sample's conflicting holder is rejected in
    /// both tasks, whatever the cut (400 B: a task of one or two rows).
    @Test(arguments: ["utf8", "gb18030"], [200, 400, 700])
    func duplicatesAcrossTasksAreDecidedAsAWholeFileReadDecides(set: String, chunkBytes: Int) throws {
        let input = RunHarness.temporaryFolder("jgpipe-spark-in")
        for name in ["exam_enrollments", "vehicles", "driver_licences"] {
            try FileManager.default.copyItem(atPath: RunHarness.samples + "/\(set)/\(name).csv", toPath: input + "/\(name).csv")
        }
        let (embedded, embeddedOut) = try Self.run(input, spark: nil)
        let (spark, sparkOut) = try Self.run(input, spark: chunkBytes)
        #expect(embedded.exitCode == .ok, "\(embedded.message)")
        #expect(embedded.datasets.contains { $0.1.collapsedDuplicates > 0 }, "the samples hold an exact copy")
        #expect(embedded.datasets.contains { $0.1.rejectedByCode[.duplicateKey, default: 0] > 0 }, "and a conflicting key")
        #expect(spark.exitCode == .ok, "\(spark.message)")
        #expect(spark.datasets.map(\.1) == embedded.datasets.map(\.1))
        try Self.expectSameOutputs(embeddedOut, sparkOut)
    }

    /// Four copies of one key over three tasks, three of them identical (the sample's own copy
    /// and one more): all rejected, each at its own line (SPEC §0: a key whose rows differ);
    /// an exact copy across tasks collapses.
    @Test func threeCopiesOverThreeTasks() throws {
        let text = try String(contentsOfFile: RunHarness.samples + "/utf8/vehicles.csv", encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = lines[1]
        let changed = first.replacingOccurrences(of: "出租车", with: "出租车（改）")
        #expect(changed != first, "the first vehicle's remark is 出租车")
        lines.insert(first, at: lines.count / 2)
        lines.insert(changed, at: lines.count - 2)
        let second = lines[3]
        lines.insert(second, at: lines.count - 3)
        let input = RunHarness.temporaryFolder("jgpipe-spark-in")
        try lines.joined(separator: "\n").write(toFile: input + "/vehicles.csv", atomically: true, encoding: .utf8)
        let (embedded, embeddedOut) = try Self.run(input, spark: nil)
        #expect(embedded.datasets.first?.1.rejectedByCode[.duplicateKey] == 4)
        #expect(embedded.datasets.first?.1.collapsedDuplicates == 1)
        for chunkBytes in [300, 1000, 2000] {
            let (spark, sparkOut) = try Self.run(input, spark: chunkBytes)
            #expect(spark.exitCode == .ok, "\(spark.message)")
            #expect(spark.datasets.map(\.1) == embedded.datasets.map(\.1))
            try Self.expectSameOutputs(embeddedOut, sparkOut)
        }
    }

    /// Every dataset of the samples, the units and their accounts too (R1–R3, C1–C3 over the
    /// shuffles of `UnitAccountTasks`), cut into tasks: the embedded outputs.
    @Test(arguments: ["utf8", "gb18030"], [700, 3000, 1 << 20])
    func theWholeSampleGivesTheEmbeddedOutputs(set: String, chunkBytes: Int) throws {
        try Self.expectTheEmbeddedOutputs(RunHarness.samples + "/" + set, chunkBytes: chunkBytes)
    }

    /// Account ids that are not plain digit strings (a leading zero, a letter): SPEC §1's id
    /// order is then each task's ranks of its ids, which must order them as the whole dump's do.
    @Test(arguments: [700, 3000])
    func accountIDsThatAreNotNumbersAreRankedAsEmbedded(chunkBytes: Int) throws {
        let input = RunHarness.temporaryFolder("jgpipe-spark-in")
        try FileManager.default.copyItem(atPath: RunHarness.samples + "/utf8/units.csv", toPath: input + "/units.csv")
        let text = try String(contentsOfFile: RunHarness.samples + "/utf8/unit_accounts.csv", encoding: .utf8)
        var changed = 0
        var lines = text.split(separator: "\n").enumerated().map { k, line in
            guard k > 0, line.first?.isNumber == true, k % 3 != 2 else { return String(line) }
            changed += 1
            return (k % 3 == 0 ? "0" : "U") + line
        }
        // Rows in reverse: input order is then no stand-in for the id order (the last tie-break).
        lines[1...].reverse()
        #expect(changed > 10)
        try (lines.joined(separator: "\n") + "\n").write(toFile: input + "/unit_accounts.csv", atomically: true, encoding: .utf8)
        let (embedded, _) = try Self.run(input, spark: nil)
        #expect(embedded.datasets.first { $0.0 == "unit_accounts" }.map { $0.1.cleaned > 10 } == true)
        try Self.expectTheEmbeddedOutputs(input, chunkBytes: chunkBytes)
    }

    /// No valid account (a header, and one row of a unit the units file lacks): the removal
    /// export and the contact list are their headers, the summary's counts zero, as embedded.
    @Test func noValidAccountGivesTheEmbeddedOutputs() throws {
        let input = RunHarness.temporaryFolder("jgpipe-spark-in")
        try FileManager.default.copyItem(atPath: RunHarness.samples + "/utf8/units.csv", toPath: input + "/units.csv")
        let accounts = try String(contentsOfFile: RunHarness.samples + "/utf8/unit_accounts.csv", encoding: .utf8)
        let header = accounts.prefix { $0 != "\n" }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).count
        let row = (["900001", "91440101MA00000000"] + Array(repeating: "", count: columns - 2)).joined(separator: ",")
        try (header + "\n" + row + "\n").write(toFile: input + "/unit_accounts.csv", atomically: true, encoding: .utf8)
        let (embedded, _) = try Self.run(input, spark: nil)
        #expect(embedded.datasets.first { $0.0 == "unit_accounts" }?.1.cleaned == 0)
        try Self.expectTheEmbeddedOutputs(input, chunkBytes: 1 << 20)
    }

    /// Accounts without their units: the embedded stage's refusal (exit 66), before Spark starts.
    @Test func accountsWithoutUnitsAreRefused() throws {
        let input = RunHarness.temporaryFolder("jgpipe-spark-in")
        try FileManager.default.copyItem(atPath: RunHarness.samples + "/utf8/unit_accounts.csv", toPath: input + "/unit_accounts.csv")
        let (embedded, _) = try Self.run(input, spark: nil)
        let (spark, out) = try Self.run(input, spark: 1 << 20)
        #expect(embedded.exitCode == .noInput)
        #expect(spark.exitCode == embedded.exitCode)
        #expect(spark.message == embedded.message)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A task's result survives its JSON round trip; sections merge by adding counts.
    @Test func chunkResultsMerge() throws {
        var counts = DatasetCounts()
        counts.inputRecords = 3
        counts.cleaned = 2
        counts.rejected = 1
        counts.rejectedByCode[.invalidCode] = 1
        var digest = RejectionDigest(dataset: "vehicles", header: ["vin"])
        digest.add(RejectedRow(line: 4, code: .invalidCode, message: "坏", fields: ["x\ty"]))
        let a = ChunkResult(chunk: 0, datasets: [("vehicles", counts)], files: ["f.csv"],
                            sections: [("vehicles", .object([("open", .int(2)), ("days_overdue_max", .int(5)),
                                                             ("by_detachment", .object([("440100", .int(2))]))]))],
                            rejections: [digest])
        let back = try ChunkResult(json: JSONValue(parsing: a.json.rendered()))
        #expect(back.json == a.json)
        var b = back
        b.chunk = 1
        b.sections = [("vehicles", .object([("open", .int(1)), ("days_overdue_max", .int(3)),
                                            ("by_detachment", .object([("110100", .int(1))]))]))]
        let merged = try ChunkResult.merged([a, b])
        #expect(merged.datasets[0].1.inputRecords == 6)
        #expect(merged.datasets[0].1.rejectedByCode[.invalidCode] == 2)
        #expect(merged.sections[0].1 == .object([("open", .int(3)), ("days_overdue_max", .int(5)),
                                                 ("by_detachment", .object([("110100", .int(1)), ("440100", .int(2))]))]))
        #expect(merged.rejections[0].counts[.invalidCode] == 2)
        #expect(merged.rejections[0].samples[.invalidCode]?.map(\.line) == [4, 4])
        // The licences' oldest cancellation date: the earlier, a chunk without one aside.
        for (x, y, both) in [("2023-05-01", "", "2023-05-01"), ("", "", ""), ("2023-05-01", "2022-12-31", "2022-12-31")] {
            #expect(try ChunkResult.mergedSection(.string(x), .string(y), path: "oldest_cancel_due_on") == .string(both))
        }
        #expect(throws: TaskError.self) { try ChunkResult.mergedSection(.string("a"), .string("b"), path: "judged_on") }
    }

    @Test func taskLinesRoundTrip() {
        for text in ["", "plain", "a\tb\nc\rd\\e\u{1F}f", "中文\\t"] {
            #expect(TaskLine.unescape(Substring(TaskLine.escape(text))) == text)
            #expect(!TaskLine.escape(text).contains("\t") && !TaskLine.escape(text).contains("\n"))
        }
        #expect(TaskLine.values(ofPayload: Substring(TaskLine.payload(["a\u{1F}", "", "b"]))) == ["a\u{1F}", "", "b"])
    }
}
