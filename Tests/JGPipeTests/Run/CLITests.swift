import Foundation
import Glibc
import Testing
@testable import JGPipe

/// SPEC §5 exit codes, from the built binary as cron sees them.
@Suite(.serialized) struct CLITests {
    let base = RunHarness.temporaryFolder("jgpipe-cli")

    func run(_ arguments: [String]) throws -> JGPipeBinary.Result {
        try JGPipeBinary.run(arguments)
    }

    @Test func succeedsAndPublishes() throws {
        let result = try run(["run", "pipelines/default.toml", "--input-dir", sampleInput, "--out", base + "/ok",
                              "--state", base + "/state", "--as-of", "2024-06-01", "--set", "run.max_rejected_ratio=0.5"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(fileExists(base + "/ok/report.html") && fileExists(base + "/ok/manifest.json"))
        // No terminal here (as under cron): key=value lines with stage timings.
        #expect(result.stderr.contains("level=info msg=\"stage finished\""))
        #expect(result.stderr.contains("stage=unit_accounts"))
    }

    /// SPEC §5 (revision of 2026-12-07): without --state no ledger, so an analyst's second look from
    /// the same folder writes every notice again, and no `state/` appears where jgpipe was started.
    @Test func withoutStateEveryNoticeIsWrittenAndNoLedgerAppears() throws {
        let folder = RunHarness.temporaryFolder("jgpipe-cwd")
        var counts: [Int] = []
        for name in ["first", "second"] {
            let result = try JGPipeBinary.run(["run", repositoryRoot + "/pipelines/default.toml",
                                               "--input-dir", sampleInput, "--out", folder + "/" + name,
                                               "--as-of", "2024-06-01", "--set", "run.max_rejected_ratio=0.5"],
                                              directory: folder)
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stderr.contains("no --state"))
            counts.append(try RunHarness.readCSV(folder + "/" + name + "/notifications.csv").rows.count)
            let summary = try String(contentsOfFile: folder + "/" + name + "/summary.json", encoding: .utf8)
            #expect(summary.contains("\"ledger\": false"))
        }
        #expect(counts[0] > 0 && counts[0] == counts[1])
        #expect(!fileExists(folder + "/state"))
    }

    @Test func quietPrintsNothingOnSuccess() throws {
        let result = try run(["run", "--input-dir", sampleInput, "--out", base + "/quiet", "--state", base + "/state-q",
                              "--as-of", "2024-06-01", "--set", "run.max_rejected_ratio=0.5", "--quiet"])
        #expect(result.code == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func usageErrorIs64() throws {
        #expect(try run(["run", "--input-dir", sampleInput]).code == 64) // --out missing
        #expect(try run(["run", "--input-dir", sampleInput, "--out", base + "/x", "--no-such-flag"]).code == 64)
        #expect(try run(["run", "--input-dir", sampleInput, "--out", base + "/x", "--as-of", "June"]).code == 64)
    }

    @Test func missingColumnIs65() throws {
        let input = RunHarness.inputFolder(["units.csv": "unit_name,region_code\n穗天河物流有限公司,440106\n"])
        let result = try run(["run", "--input-dir", input, "--out", base + "/m65", "--state", base + "/s65"])
        #expect(result.code == 65)
        #expect(result.stderr.contains("unit_code"))
        #expect(!fileExists(base + "/m65"))
    }

    @Test func missingInputFolderIs66() throws {
        let result = try run(["run", "--input-dir", base + "/nowhere", "--out", base + "/m66", "--state", base + "/s66"])
        #expect(result.code == 66)
        #expect(result.stderr.contains("nowhere"))
    }

    @Test func badPipelineFileIs78() throws {
        let pipeline = base + "/bad.toml"
        try "[run]\nmax_rejected_ratio = 2\n".write(toFile: pipeline, atomically: false, encoding: .utf8)
        let result = try run(["run", pipeline, "--input-dir", sampleInput, "--out", base + "/m78", "--state", base + "/s78"])
        #expect(result.code == 78)
        #expect(result.stderr.contains("max_rejected_ratio"))
        try "[run\n".write(toFile: pipeline, atomically: false, encoding: .utf8)
        #expect(try run(["run", pipeline, "--input-dir", sampleInput, "--out", base + "/m78", "--state", base + "/s78"]).code == 78)
    }

    @Test func lockHeldIs75() throws {
        let state = base + "/s75"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let lock = try RunLock.acquire(stateDirectory: state, startedAt: "2024-06-01T02:00:00+08:00")
        defer { lock.release() }
        let result = try run(["run", "--input-dir", sampleInput, "--out", base + "/m75", "--state", state,
                              "--set", "run.max_rejected_ratio=0.5"])
        #expect(result.code == 75)
        #expect(result.stderr.contains("pid \(getpid()), started 2024-06-01T02:00:00+08:00"))
        #expect(!fileExists(base + "/m75"))
    }

    @Test func refusedRunIs65WithHeldOutputs() throws {
        let result = try run(["run", "--input-dir", sampleInput, "--out", base + "/r65", "--state", base + "/sr65"])
        #expect(result.code == 65)
        #expect(!fileExists(base + "/r65"))
        #expect(fileExists(base + "/r65.held/report.html"))
    }

    @Test func validateWritesRejectedFilesOnly() throws {
        let out = base + "/v"
        let result = try run(["validate", "--input-dir", sampleInput, "--out", out, "--set", "run.max_rejected_ratio=0.5"])
        #expect(result.code == 0, "\(result.stderr)")
        // And a manifest of them, so a later validate or run may replace the folder (SPEC §5).
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["manifest.json", "unit_accounts.rejected.csv", "units.rejected.csv"])
        #expect(try run(["validate", "--input-dir", sampleInput, "--out", out, "--set", "run.max_rejected_ratio=0.5"]).code == 0)
        // Same counts as samples/expectations/utf8/summary.txt: units 10 = 8 + 2 + 0.
        #expect(result.stdout.contains("units: 10 records = 8 valid + 2 rejected (20.0 %) + 0 collapsed duplicates"))
        #expect(result.stdout.contains("INVALID_CREDIT_CODE: 1 — e.g. line 8"))
        // The same bytes a run writes for its rejected files.
        let (_, runOut) = try RunHarness.run(input: sampleInput, overrides: ["run.max_rejected_ratio=0.5"])
        for name in ["units.rejected.csv", "unit_accounts.rejected.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)) == Data(contentsOf: URL(fileURLWithPath: runOut + "/" + name)))
        }
    }

    /// Every dataset of the samples, in both encodings: `validate` writes the very rejected
    /// files a run writes (the streamed stages through `RunContext.writeRejectedOnly`).
    @Test(arguments: ["utf8", "gb18030"])
    func validateWritesEachDatasetsRejectedFileAsARunDoes(_ set: String) throws {
        let input = RunHarness.samples + "/" + set
        let out = base + "/v-all-" + set
        let result = try run(["validate", "--input-dir", input, "--out", out, "--as-of", "2024-06-01",
                              "--set", "run.max_rejected_ratio=1"])
        #expect(result.code == 0, "\(result.stderr)")
        let runOut = try RunHarness.publishedSample(set)
        let rejected = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".rejected.csv") }.sorted()
        #expect(rejected == ["driver_licences", "exam_enrollments", "service_point_feedback", "service_points", "unit_accounts",
                             "units", "vehicle_users", "vehicles", "violations"].map { $0 + ".rejected.csv" })
        for name in rejected {
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/" + name)) == Data(contentsOf: URL(fileURLWithPath: runOut + "/" + name)),
                    "\(name)")
        }
    }

    @Test func validateExits65WhenARunWouldRefuse() throws {
        let result = try run(["validate", "--input-dir", sampleInput, "--out", base + "/v65"])
        #expect(result.code == 65)
        #expect(result.stdout.contains("OVER run.max_rejected_ratio"))
        #expect(fileExists(base + "/v65/units.rejected.csv"))
        let input = RunHarness.inputFolder(["units.csv": "unit_name\nx\n"])
        #expect(try run(["validate", "--input-dir", input, "--out", base + "/v65b"]).code == 65)
    }
}
