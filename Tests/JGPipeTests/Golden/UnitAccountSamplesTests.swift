import Foundation
import Testing
@testable import JGPipe

/// Runs the bundled samples and compares with the expectations a person derived by hand from
/// the SPEC (`samples/expectations/<set>/REASONING.md` walks through every unit).
@Suite struct UnitAccountSamplesTests {

    @Test(arguments: ["utf8", "gb18030"])
    func accountsMatchHandDerivedOutcome(set: String) throws {
        let output = try RunHarness.publishedSample(set)
        let cleaned = try RunHarness.records(output + "/unit_accounts.cleaned.csv")
        let expected = try RunHarness.expectation(set, "unit_accounts.csv")
        #expect(cleaned.count == expected.count)
        for (actual, wanted) in zip(cleaned, expected) {
            for column in ["account_id", "status", "role", "replace_permit", "cleanup_rule", "disable_on"] {
                #expect(actual[column] == wanted[column], "account \(wanted["account_id"]!) \(column)")
            }
            #expect(actual["effective_on"] == "2024-07-01")
        }
    }

    @Test(arguments: ["utf8", "gb18030"])
    func rejectedRowsMatchLineAndCode(set: String) throws {
        let output = try RunHarness.publishedSample(set)
        var actual: [String] = []
        for dataset in ["units", "unit_accounts"] {
            for row in try RunHarness.records(output + "/\(dataset).rejected.csv") {
                actual.append("\(dataset).csv:\(row["line"]!):\(row["error_code"]!)")
            }
        }
        let expected = try RunHarness.expectation(set, "rejected.csv").map { "\($0["file"]!):\($0["line"]!):\($0["error_code"]!)" }
        #expect(actual == expected)
    }

    @Test(arguments: ["utf8", "gb18030"])
    func unitNoticesMatch(set: String) throws {
        let output = try RunHarness.publishedSample(set)
        let notices = try RunHarness.records(output + "/notifications.csv")
            .filter { ["UNIT_ACCOUNTS_CLEANUP", "UNIT_NO_LEGAL_PERSON"].contains($0["notice_type"]) }
        let expected = try RunHarness.expectation(set, "notices.csv")
        #expect(notices.map { "\($0["notice_type"]!) \($0["recipient_id"]!)" }
            == expected.map { "\($0["notice_type"]!) \($0["recipient_id"]!)" })
        for (notice, wanted) in zip(notices, expected) {
            #expect(notice["record_id"] == wanted["recipient_id"])
            #expect(notice["phone_kind"] == wanted["phone_kind"], "\(wanted["recipient_id"]!)")
            if let count = wanted["count_or_empty"], !count.isEmpty {
                #expect(notice["message"]!.contains("贵单位有\(count)个"), "\(notice["message"]!)")
                #expect(notice["due_on"] == "2024-06-20")
            } else {
                #expect(notice["due_on"] == "2024-07-01")
            }
        }
    }

    @Test(arguments: ["utf8", "gb18030"])
    func removalExportMatchesWithKeptAccounts(set: String) throws {
        let output = try RunHarness.publishedSample(set)
        let removed = try RunHarness.records(output + "/unit_accounts.removed.csv")
        let expected = try RunHarness.expectation(set, "removed.csv")
        let columns = ["account_id", "unit_code", "cleanup_rule", "kept_account_id"]
        #expect(removed.map { row in columns.map { row[$0] ?? "-" } } == expected.map { row in columns.map { row[$0] ?? "-" } })
        // Every reason names the default caps in force.
        for row in removed {
            let cap = ["R1": "限1个", "R2": "超过10个", "R3": "超过3个"][row["cleanup_rule"] ?? ""] ?? "?"
            #expect(row["reason"]?.contains(cap) == true, "\(row["account_id"]!): \(row["reason"]!)")
        }
    }

    @Test(arguments: ["utf8", "gb18030"])
    func summaryCountsMatchAndConserve(set: String) throws {
        let output = try RunHarness.publishedSample(set)
        let text = try String(contentsOfFile: "\(RunHarness.samples)/expectations/\(set)/summary.txt", encoding: .utf8)
        let summary = try String(contentsOfFile: output + "/summary.json", encoding: .utf8)
        for (section, dataset) in [("[units.csv]", "units"), ("[unit_accounts.csv]", "unit_accounts")] {
            let lines = text.components(separatedBy: section)[1].components(separatedBy: "\n[")[0]
            func number(_ label: String) -> Int {
                let line = lines.split(separator: "\n").first { $0.hasPrefix(label) }!
                return Int(line.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
                    .split(separator: " ")[0])!
            }
            let counts = "\"\(dataset)\": {\n      \"input_records\": \(number("input records:")),\n      \"cleaned\": \(number("cleaned:")),\n      \"rejected\": \(number("rejected:")),\n      \"collapsed_duplicates\": \(number("collapsed duplicates:")),\n      \"conserved\": true"
            #expect(summary.contains(counts), "\(dataset) counts")
        }
    }

    /// Every output of a whole sample run (all stages), not only the accounts'.
    @Test func sameInputsGiveByteIdenticalOutputs() throws {
        let first = try RunHarness.publishedSample("gb18030")
        let second = try RunHarness.publishedSample("gb18030")
        // manifest.json alone holds the run's times (SPEC §0 "Determinism").
        let files = try RunHarness.outputFiles(first)
        #expect(files.contains { $0.hasPrefix(DetachmentWorkbooks.folder + "/") })
        for file in files where file != "manifest.json" {
            let a = FileManager.default.contents(atPath: first + "/" + file)
            let b = FileManager.default.contents(atPath: second + "/" + file)
            #expect(a == b, "\(file) differs between two runs")
        }
    }
}
