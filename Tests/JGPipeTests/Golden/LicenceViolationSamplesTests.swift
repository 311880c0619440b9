import Foundation
import Testing
@testable import JGPipe

/// Golden runs over `samples/<set>/` for the driver-licence and violation stages, with as-of
/// 2024-08-01 (a nightly run a month after the cutover), compared with the hand-derived files in
/// `samples/expectations/<set>/` (walk-through: `samples/expectations/LICENCES_VIOLATIONS.md`).
/// Only these stages' outputs are compared: the other stages' expectations assume 2024-06-01.
@Suite("licence and violation samples")
struct LicenceViolationSamplesTests {
    func run(_ set: String) throws -> String {
        let (outcome, out) = try RunHarness.run(input: "\(RunHarness.samples)/\(set)", asOf: "2024-08-01",
                                                overrides: ["run.max_rejected_ratio=1"])
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        return out
    }

    func expected(_ set: String, _ name: String) throws -> [[String]] {
        try RunHarness.readCSV("\(RunHarness.samples)/expectations/\(set)/\(name)").rows
    }

    @Test("driver licences", arguments: ["utf8", "gb18030"])
    func licences(_ set: String) throws {
        let out = try run(set)
        let cleaned = try RunHarness.records(out + "/driver_licences.cleaned.csv")
        #expect(cleaned.map { [$0["holder_id_no"]!, $0["cycle_end"]!, $0["status"]!] } == (try expected(set, "licences.csv")))
        let types = Set(NoticeType.licenceTypes.map(\.rawValue))
        let notices = try RunHarness.records(out + "/notifications.csv").filter { types.contains($0["notice_type"]!) }
        #expect(notices.map { [$0["detachment_code"]!, $0["notice_type"]!, $0["recipient_id"]!, $0["due_on"]!] }
            == (try expected(set, "licence_notices.csv")))
        #expect(try RunHarness.readCSV(out + "/driver_licences.cancellation_worklist.csv").rows
            == (try expected(set, "cancellation_worklist.csv")))
        let rejected = try RunHarness.readCSV(out + "/driver_licences.rejected.csv").rows
        #expect(rejected.map { [$0[0], $0[1]] } == (try expected(set, "licence_rejected.csv")))
        // The revision of 2026-12-07: L21 and L22 cannot be judged for D2, L35 has no age.
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        let section = try #require(summary["driver_licences"] as? [String: Any])
        #expect(section["review_unknown"] as? Int == 2 && section["age_unknown"] as? Int == 1)
        let byType = Dictionary(uniqueKeysWithValues: notices.map { ($0["recipient_id"]!, $0["message"]!) })
        #expect(byType["440106196407200323"]?.contains("不得再驾驶准驾车型为A1的机动车") == true)
        #expect(byType["440106196407200323"]?.contains("换领准驾车型为C1或C2、C6的机动车驾驶证") == true)
        #expect(byType["440106199007070308"]?.contains("残疾人专用小型自动挡载客汽车（C5）") == true)
    }

    @Test("violations and registered users", arguments: ["utf8", "gb18030"])
    func violations(_ set: String) throws {
        let out = try run(set)
        let types = Set(NoticeType.violationTypes.map(\.rawValue))
        let notices = try RunHarness.records(out + "/notifications.csv").filter { types.contains($0["notice_type"]!) }
        #expect(notices.map { [$0["detachment_code"]!, $0["notice_type"]!, $0["recipient_id"]!, $0["record_id"]!, $0["due_on"]!] }
            == (try expected(set, "violation_notices.csv")))
        #expect(try RunHarness.readCSV(out + "/violations.authorisation_audit.csv").rows
            == (try expected(set, "authorisation_audit.csv")))
        var rejected: [[String]] = []
        for file in ["violations", "vehicle_users"] {
            rejected += try RunHarness.readCSV(out + "/\(file).rejected.csv").rows.map { ["\(file).csv", $0[0], $0[1]] }
        }
        #expect(rejected == (try expected(set, "violation_rejected.csv")))
        let messages = notices.map { $0["message"]! }
        #expect(messages.contains { $0.contains("有2起交通违法未处理（最早一起发生于2024-06-10），共记3分、罚款200.00元") })
        #expect(messages.contains { $0.contains("罚款150.50元尚未缴纳，请于2024-08-04前") })
    }

    @Test("every record ends in exactly one output", arguments: ["utf8", "gb18030"])
    func conservation(_ set: String) throws {
        let (outcome, _) = try RunHarness.run(input: "\(RunHarness.samples)/\(set)", asOf: "2024-08-01",
                                              overrides: ["run.max_rejected_ratio=1"])
        let counts = Dictionary(uniqueKeysWithValues: outcome.datasets.map { ($0.0, $0.1) })
        // licences: 45 = 35 + 9 + 1 (L01–L35); violations: 20 = 11 + 8 + 1; users: 6 = 3 + 2 + 1.
        for (name, input, cleaned, rejected) in [("driver_licences", 45, 35, 9), ("violations", 20, 11, 8),
                                                 ("vehicle_users", 6, 3, 2)] {
            let c = try #require(counts[name], "\(name)")
            #expect(c.isConserved && c.inputRecords == input && c.cleaned == cleaned && c.rejected == rejected, "\(name)")
            #expect(c.collapsedDuplicates == 1, "\(name)")
        }
    }
}
