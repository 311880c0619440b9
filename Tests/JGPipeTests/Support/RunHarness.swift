import Foundation
import Testing
@testable import JGPipe

/// Temporary folders and whole-run helpers for stage and golden tests.
enum RunHarness {
    /// A fresh empty folder under the system temp directory.
    static func temporaryFolder(_ label: String = "jgpipe-test") -> String {
        let path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every file of an output folder, subfolders included (`by_detachment/440100.xlsx`), as
    /// sorted relative paths.
    static func outputFiles(_ folder: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        return try FileManager.default.subpathsOfDirectory(atPath: folder).filter { path in
            FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    /// Writes `files` (name → UTF-8 text) into a fresh folder.
    static func inputFolder(_ files: [String: String]) -> String {
        let folder = temporaryFolder("jgpipe-in")
        for (name, text) in files {
            precondition(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8)))
        }
        return folder
    }

    /// An input folder's files for a test of a stage whose dataset is absent: a header-only
    /// units.csv, since a folder holding no dataset at all is exit 66 (SPEC §5).
    static let anotherDatasetOnly = [
        "units.csv": "unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone\n",
    ]

    /// Runs the pipeline over `input` into a fresh output folder.
    static func run(input: String, asOf: String = "2024-06-01", overrides: [String] = [],
                    output: String? = nil) throws -> (outcome: RunOutcome, output: String) {
        var values: [String: SettingValue] = [:]
        for override in overrides { try PipelineFile.apply(override: override, to: &values) }
        let settings = try PipelineSettings(values: values)
        let out = output ?? temporaryFolder("jgpipe-out") + "/out"
        let request = RunRequest(settings: settings, inputDirectory: input, outputDirectory: out,
                                 asOf: try CalendarDate(parsing: asOf))
        return (Pipeline.run(request), out)
    }

    /// Reads an output CSV (any of our output encodings) as header + rows.
    static func readCSV(_ path: String) throws -> (header: [String], rows: [[String]]) {
        var header: [String] = []
        var rows: [[String]] = []
        let schema = DatasetSchema(name: "any", columns: [])
        try DatasetFile.read(path: path, schema: schema) { map in
            header = map.header.map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
        } row: { row in
            rows.append(row.fields)
        }
        return (header, rows)
    }

    /// Rows of an output CSV as dictionaries keyed by column name.
    static func records(_ path: String) throws -> [[String: String]] {
        let (header, rows) = try readCSV(path)
        return rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// `samples/` of the repository.
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples").path

    /// Runs `samples/<set>` as the hand-derived expectations assume: as-of 2024-06-01 (E = the
    /// cutover), the refusal threshold lifted (the samples hold a bad row per error code).
    static func runSample(_ set: String, overrides: [String] = []) throws -> (outcome: RunOutcome, output: String) {
        try run(input: "\(samples)/\(set)", asOf: "2024-06-01", overrides: ["run.max_rejected_ratio=1"] + overrides)
    }

    /// `runSample`, expecting the run to publish; returns the output folder.
    static func publishedSample(_ set: String, overrides: [String] = []) throws -> String {
        let (outcome, output) = try runSample(set, overrides: overrides)
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        return output
    }

    /// A hand-derived expectation file, `samples/expectations/<set>/<file>`.
    static func expectation(_ set: String, _ file: String) throws -> [[String: String]] {
        try records("\(samples)/expectations/\(set)/\(file)")
    }
}
