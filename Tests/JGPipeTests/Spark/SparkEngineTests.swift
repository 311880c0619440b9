import Foundation
import Testing
@testable import JGPipe

/// The Spark engine's path without Spark (`LocalTaskRunner` in the job's place): the vehicles
/// of both sample encodings cut into several tasks give every output file of the embedded
/// run byte for byte (the manifest's clock times aside); what the engine cannot run yet is
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

    /// A key in two tasks is not resolved across them yet: refused, nothing published.
    @Test func duplicateAcrossTasksIsRefused() throws {
        let input = try Self.vehiclesOnly("utf8")
        let (whole, _) = try Self.run(input, spark: 1 << 20)
        #expect(whole.exitCode == .ok, "one task holds both copies: \(whole.message)")
        let (cut, out) = try Self.run(input, spark: 400)
        #expect(cut.exitCode == .unavailable)
        #expect(cut.message.contains("more than one Spark task"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Another stage's dataset in the input: exit 69 before anything is read.
    @Test func otherStagesAreRefused() throws {
        let (outcome, out) = try Self.run(RunHarness.samples + "/utf8", spark: 1 << 20)
        #expect(outcome.exitCode == .unavailable)
        #expect(outcome.message.contains("runs only the vehicles stage"))
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
    }

    @Test func taskLinesRoundTrip() {
        for text in ["", "plain", "a\tb\nc\rd\\e\u{1F}f", "中文\\t"] {
            #expect(TaskLine.unescape(Substring(TaskLine.escape(text))) == text)
            #expect(!TaskLine.escape(text).contains("\t") && !TaskLine.escape(text).contains("\n"))
        }
        #expect(TaskLine.values(ofPayload: Substring(TaskLine.payload(["a\u{1F}", "", "b"]))) == ["a\u{1F}", "", "b"])
    }
}
