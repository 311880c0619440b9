import Foundation
import Testing
@testable import JGPipe

/// Runs the bundled exam samples (`samples/<set>/exam_enrollments.csv`) with `--as-of 2024-06-01`
/// (E = 2024-07-01) and compares with the expectations a person derived by hand from SPEC §2 and
/// §4 (`samples/expectations/<set>/exam_*.csv`).
@Suite struct ExamSamplesTests {

    static let compared = ["enrollment_id", "scope", "case", "path", "required_subjects", "waived_subjects",
                           "remaining_subjects", "transition_rule", "restored_classes"]

    @Test(arguments: ["utf8", "gb18030"])
    func enrollmentsMatchHandDerivedOutcome(set: String) throws {
        let output = try RunHarness.publishedSample(set)
        let cleaned = try RunHarness.records(output + "/exam_enrollments.cleaned.csv")
        let expected = try RunHarness.expectation(set, "exam_enrollments.csv")
        #expect(cleaned.map { $0["enrollment_id"]! } == expected.map { $0["enrollment_id"]! })
        for (actual, wanted) in zip(cleaned, expected) {
            for column in Self.compared {
                #expect(actual[column] == wanted[column], "\(wanted["enrollment_id"]!) \(column)")
            }
            #expect(actual["effective_on"] == "2024-07-01")
            #expect(actual["auto_restore_classes"] == (actual["case"] == "E4" ? "C6" : ""))
        }
    }

    @Test(arguments: ["utf8", "gb18030"])
    func noticesMatch(set: String) throws {
        let output = try RunHarness.publishedSample(set)
        let notices = try RunHarness.records(output + "/notifications.csv").filter {
            ["EXAM_SUBJECTS_WAIVED", "S2_BOOKING_NOT_NEEDED"].contains($0["notice_type"]!)
        }
        let columns = ["notice_type", "recipient_id", "record_id", "due_on"]
        #expect(notices.map { row in columns.map { row[$0]! } } == (try RunHarness.expectation(set, "exam_notices.csv")).map { row in columns.map { row[$0]! } })
        for notice in notices {
            #expect(notice["recipient_type"] == "person")
            #expect(notice["message"]!.contains("自2024-07-01起"), "\(notice["message"]!)")
            #expect(notice["message"]!.contains("科目三安全文明常识"))
        }
    }

    @Test(arguments: ["utf8", "gb18030"])
    func rejectedRowsMatchLineAndCode(set: String) throws {
        let output = try RunHarness.publishedSample(set)
        let (_, rows) = try RunHarness.readCSV(output + "/exam_enrollments.rejected.csv")
        // line, error_code, error, then the original fields: the enrollment id is the first of them.
        let actual = rows.map { "\($0[3]) \($0[0]) \($0[1])" }
        let expected = try RunHarness.expectation(set, "exam_rejected.csv").map { "\($0["enrollment_id"]!) \($0["line"]!) \($0["error_code"]!)" }
        #expect(actual == expected)
    }

    @Test(arguments: [("utf8", 23, 19, 3, 1), ("gb18030", 21, 15, 6, 0)])
    func countsConserve(set: String, input: Int, cleaned: Int, rejected: Int, collapsed: Int) throws {
        let output = try RunHarness.publishedSample(set)
        let summary = try String(contentsOfFile: output + "/summary.json", encoding: .utf8)
        let counts = "\"exam_enrollments\": {\n      \"input_records\": \(input),\n      \"cleaned\": \(cleaned),\n      \"rejected\": \(rejected),\n      \"collapsed_duplicates\": \(collapsed),\n      \"conserved\": true"
        #expect(summary.contains(counts), "\(summary)")
    }
}
