import Foundation
import Testing
@testable import JGPipe

/// SPEC §5 (issue #11 part 3): an input folder holding none of the datasets is exit 66 naming
/// what it holds, with near-miss hints; files matching no dataset are listed; absent datasets
/// are skipped; a header split on another delimiter gets a `run.delimiter` hint.
@Suite struct InputFolderTests {
    /// The first unit of samples/utf8/units.csv.
    static let units = "unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone\n"
        + "91440106MA5UA00013,穗天河物流有限公司,A,440106197503120117,陈建国,440106,13800138001\n"

    func run(_ input: String, overrides: [String] = []) throws -> (outcome: RunOutcome, output: String) {
        try RunHarness.run(input: input, overrides: ["run.max_rejected_ratio=1"] + overrides)
    }

    @Test func anEmptyFolderIs66() throws {
        let input = RunHarness.temporaryFolder("jgpipe-empty-input")
        let (outcome, output) = try run(input)
        #expect(outcome.exitCode == .noInput)
        #expect(outcome.message == "input folder \(input) holds none of the datasets (units.csv, unit_accounts.csv, exam_enrollments.csv, vehicles.csv, driver_licences.csv, violations.csv, vehicle_users.csv, service_points.csv, service_point_feedback.csv): it is empty")
        #expect(!fileExists(output))
    }

    /// The common near misses, each named with what to do; the order is the folder's, by name
    /// (bytes: upper case first).
    @Test func nearMissesAreNamed() throws {
        let input = RunHarness.inputFolder(["Units.CSV": Self.units, "units.xlsx": "PK", "vehicles (1).csv": "x\n",
                                            "unit_acounts.csv": "x\n", "notes.txt": "mine\n"])
        let (outcome, _) = try run(input)
        #expect(outcome.exitCode == .noInput)
        let held: [String] = [
            "Units.CSV (file names are case-sensitive: rename it to units.csv)",
            "notes.txt",
            "unit_acounts.csv (did you mean unit_accounts.csv? rename it, or name it in the pipeline file's [inputs])",
            "units.xlsx (a spreadsheet: save it as CSV, as units.csv)",
            "vehicles (1).csv (looks like a copy of vehicles.csv: rename it to vehicles.csv, or name it in the pipeline file's [inputs])",
        ]
        let expected = ": it holds " + held.joined(separator: ", ")
        #expect(outcome.message.hasSuffix(expected),
                "\(outcome.message)")
    }

    @Test func nearMissHints() {
        let expected = ["units.csv", "vehicles.csv"]
        #expect(InputFolder.nearMiss("UNITS.csv", among: expected) == "file names are case-sensitive: rename it to units.csv")
        #expect(InputFolder.nearMiss("units.txt", among: expected) == "rename it to units.csv, or name it in the pipeline file's [inputs]")
        #expect(InputFolder.nearMiss("vehicles - 副本.csv", among: expected)?.hasPrefix("looks like a copy of vehicles.csv") == true)
        #expect(InputFolder.nearMiss("vehicles(2).csv", among: expected)?.hasPrefix("looks like a copy of vehicles.csv") == true)
        #expect(InputFolder.nearMiss("vehicle.csv", among: expected)?.hasPrefix("did you mean vehicles.csv?") == true)
        #expect(InputFolder.nearMiss("readme.md", among: expected) == nil)
        #expect(InputFolder.nearMiss("drivers.csv", among: expected) == nil)
    }

    /// units.csv alone, beside two files of no dataset: the run publishes; the summary lists the
    /// six absent datasets as skipped (not as zero rows) and the two files as ignored; the
    /// report shows both.
    @Test func ignoredFilesAndSkippedDatasetsAreInTheSummary() throws {
        let input = RunHarness.inputFolder(["units.csv": Self.units, "notes.txt": "mine\n", "vehicles (1).csv": "x\n"])
        let (outcome, output) = try run(input)
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/summary.json"))) as? [String: Any])
        #expect(summary["ignored_files"] as? [String] == ["notes.txt", "vehicles (1).csv"])
        #expect(summary["skipped_datasets"] as? [String] == ["unit_accounts", "exam_enrollments", "vehicles", "driver_licences",
                                                             "violations", "vehicle_users", "service_points",
                                                             "service_point_feedback"])
        let datasets = try #require(summary["datasets"] as? [String: Any])
        #expect(Array(datasets.keys) == ["units"])
        let report = try readText(output + "/report.html")
        #expect(report.contains("<code>vehicles (1).csv</code>"))
        #expect(report.contains("<code>driver_licences</code>"))
    }

    /// The log names each ignored file, with its hint (cron sees it).
    @Test func ignoredFilesAreLogged() throws {
        let input = RunHarness.inputFolder(["units.csv": Self.units, "vehicles (1).csv": "x\n"])
        let result = try JGPipeBinary.run(["run", "--input-dir", input, "--out", RunHarness.temporaryFolder("jgpipe-ignored") + "/out",
                                           "--state", RunHarness.temporaryFolder("jgpipe-ignored-state"), "--as-of", "2024-06-01",
                                           "--set", "run.max_rejected_ratio=1"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stderr.contains("level=warning msg=\"file matches no dataset; ignored\" file=\"vehicles (1).csv\" hint=\"looks like a copy of vehicles.csv"), "\(result.stderr)")
    }

    @Test func validateOnAFolderWithoutDatasetsIs66() throws {
        let input = RunHarness.inputFolder(["Units.CSV": Self.units])
        let result = try JGPipeBinary.run(["validate", "--input-dir", input, "--out", RunHarness.temporaryFolder("jgpipe-v66") + "/out"])
        #expect(result.code == 66)
        #expect(result.stderr.contains("holds none of the datasets"))
        #expect(result.stderr.contains("Units.CSV (file names are case-sensitive: rename it to units.csv)"))
    }

    /// A header of one field that splits cleanly on `;` (a semicolon export read with the
    /// default comma): 65 as before, and the message says which delimiter would read it.
    @Test func aHeaderSplitOnAnotherDelimiterGetsAHint() throws {
        for (delimiter, written, option) in [(";", "\";\"", "'" + ";" + "'"), ("\t", "\"\\t\"", "$'\\t'"), ("|", "\"|\"", "'|'")] {
            let text = ["unit_code", "unit_name", "region_code"].joined(separator: delimiter) + "\n"
                + ["91440101MA5CXXXX0A", "穗天河物流有限公司", "440106"].joined(separator: delimiter) + "\n"
            let (outcome, _) = try run(RunHarness.inputFolder(["units.csv": text]))
            #expect(outcome.exitCode == .dataError)
            #expect(outcome.message.contains("required column unit_code is missing"))
            #expect(outcome.message.contains("the header splits cleanly on \(written) into 3 columns (3 of them known): set run.delimiter = \(written) in the pipeline file, or --set run.delimiter=\(option)"),
                    "\(outcome.message)")
        }
        // A header that names nothing and does not split: no hint.
        let (plain, _) = try run(RunHarness.inputFolder(["units.csv": "名称\nx\n"]))
        #expect(plain.exitCode == .dataError)
        #expect(!plain.message.contains("run.delimiter"))
    }
}
