import Foundation
import Testing
@testable import JGPipe

/// V5: the e-certificate notice goes out once per vehicle, although after the cutover its due
/// date (E = the run date) changes every night; dated notices are still told apart by date.
@Suite struct SentOnceTests {
    @Test func eCertificateNoticeIsNotRepeatedOnLaterNights() throws {
        let base = RunHarness.temporaryFolder("jgpipe-once")
        let input = RunHarness.temporaryFolder("jgpipe-once-in")
        try FileManager.default.createSymbolicLink(atPath: input + "/vehicles.csv",
                                                   withDestinationPath: RunHarness.samples + "/utf8/vehicles.csv")
        let overrides = ["run.max_rejected_ratio=1", "vehicles.ecert_pilot_regions=4401"]
        func eCertificates(asOf: String) throws -> (outcome: RunOutcome, rows: [[String: String]]) {
            let out = base + "/out-" + asOf
            let outcome = try ledgerRun(input: input, output: out, state: base + "/state", overrides: overrides, asOf: asOf)
            let rows = try RunHarness.records(out + "/notifications.csv").filter { $0["notice_type"] == "ECERT_AVAILABLE" }
            return (outcome, rows)
        }
        let first = try eCertificates(asOf: "2024-07-10")
        #expect(first.outcome.exitCode == .ok)
        #expect(!first.rows.isEmpty)
        #expect(first.rows.allSatisfy { $0["due_on"] == "2024-07-10" })
        let second = try eCertificates(asOf: "2024-07-11")
        #expect(second.outcome.exitCode == .ok)
        #expect(second.rows.isEmpty)
    }

    @Test func onlyTheSentOnceTypesDropTheDateFromTheLedgerKey() {
        func notice(_ type: String, _ due: String) -> Notice {
            Notice(type: type, detachmentCode: "440100", recipientType: .person, recipientID: "P", recipientName: "",
                   phone: "", recordID: "R", dueOn: day(due), message: "")
        }
        #expect(notice("ECERT_AVAILABLE", "2024-07-10").ledgerKey == notice("ECERT_AVAILABLE", "2024-07-11").ledgerKey)
        #expect(notice("ECERT_AVAILABLE", "2024-07-10").id != notice("ECERT_AVAILABLE", "2024-07-11").id)
        #expect(notice("INSPECTION_DUE", "2024-07-10").ledgerKey != notice("INSPECTION_DUE", "2024-07-11").ledgerKey)
        #expect(notice("INSPECTION_DUE", "2024-07-10").ledgerKey == notice("INSPECTION_DUE", "2024-07-10").id)
    }
}
