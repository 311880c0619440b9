import Foundation
import Testing
@testable import JGPipe

/// SPEC §5 manifest.json: every input and output with size and SHA-256, as-of, pipeline hash,
/// tool version, times; every other output byte-identical across runs.
@Suite struct ManifestTests {
    func manifest(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func listsEveryOutputWithIndependentlyComputedHashes() throws {
        let base = RunHarness.temporaryFolder()
        let out = base + "/out"
        let outcome = try ledgerRun(output: out, state: base + "/state")
        #expect(outcome.exitCode == .ok)
        let m = try manifest(out)
        #expect(m["as_of"] as? String == "2024-06-01")
        #expect(m["effective_date"] as? String == "2024-07-01")
        #expect(m["pipeline_sha256"] as? String == "test-pipeline-hash")
        #expect(m["tool_version"] as? String == JGPipeVersion.current)
        #expect((m["run_id"] as? Int).map(Int64.init) == outcome.runID)
        for key in ["started_at", "finished_at"] {
            let time = try #require(m[key] as? String)
            #expect(time.count == 25 && time.dropFirst(10).hasPrefix("T"), "\(key) = \(time)")
        }
        let outputs = try #require(m["outputs"] as? [[String: Any]])
        let listed = outputs.compactMap { $0["file"] as? String }
        let present = try RunHarness.outputFiles(out).filter { $0 != "manifest.json" }
        #expect(listed == present)
        #expect(listed.contains("report.html") && listed.contains("summary.json") && listed.contains("notifications.csv"))
        for entry in outputs {
            let path = out + "/" + (entry["file"] as! String)
            #expect(entry["sha256"] as? String == (try systemSHA256(path)), "\(path)")
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
            #expect(entry["bytes"] as? Int == size)
        }
        let inputs = try #require(m["inputs"] as? [[String: Any]])
        #expect(inputs.compactMap { $0["dataset"] as? String } == ["units", "unit_accounts"])
        for entry in inputs {
            #expect(entry["sha256"] as? String == (try systemSHA256(sampleInput + "/" + (entry["file"] as! String))))
        }
    }

    /// Only the manifest holds times: every other output is the same bytes on a second run.
    @Test func otherOutputsAreByteIdenticalAcrossRuns() throws {
        let base = RunHarness.temporaryFolder()
        #expect(try ledgerRun(output: base + "/a", state: base + "/s1").exitCode == .ok)
        #expect(try ledgerRun(output: base + "/b", state: base + "/s2").exitCode == .ok)
        let names = try RunHarness.outputFiles(base + "/a").filter { $0 != "manifest.json" }
        // 9 CSV, JSON and HTML outputs (unit_contact_list.csv among them) and the workbooks of
        // detachments 310100, 440100 and 440300.
        #expect(names.count == 9 + 3)
        for name in names {
            let a = try Data(contentsOf: URL(fileURLWithPath: base + "/a/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: base + "/b/" + name))
            #expect(a == b, "\(name) differs between runs")
        }
    }
}
