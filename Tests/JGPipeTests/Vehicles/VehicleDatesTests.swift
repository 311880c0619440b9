import Foundation
import Testing
@testable import JGPipe

/// SPEC §0 "Effective date": V2–V4 are judged on the as-of date A, so a June night's messages
/// and work-list flags are true on the day they go out; V5 keeps E = max(A, cutover). Whole runs
/// over one vehicles.csv on several nights.
@Suite("vehicles judged on A")
struct VehicleDatesTests {
    static let header = "vin,plate_no,vehicle_type,use_nature,owner_type,owner_id_no,owner_name,owner_phone,region_code,registered_on,inspection_valid_until,status,scrap_received_on,scrap_region_code"
    /// Full years on inspection_valid_until, worked out by hand:
    /// 1 K33/A 2018-07-20 → 2024-06-30: 5 years, an on-site inspection;
    /// 2 K33/A 2018-05-20 → 2024-05-31: 6 years, on site;
    /// 3 K33/A 2020-05-20 → 2024-05-31: 4 years, the sticker;
    /// 4 the same as 3, but a van (K39): on site;
    /// 5 the same as 3, status B (转出): closed;
    /// 6 the same as 3, status GK: open;
    /// 7 no limit, no inspection in sight; scrap information received 2024-06-20 → due 2024-06-21.
    static let csv = """
        \(header)
        LSVAB2BM9RA100001,粤A11111,K33,A,person,440106198001010019,张三,13800138001,440106,2018-07-20,2024-06-30,A,,
        LSVAB2BM0RA100002,粤A22222,K33,A,person,440106198001010019,张三,13800138001,440106,2018-05-20,2024-05-31,A,,
        LSVAB2BM2RA100003,粤A33333,K33,A,person,440106198001010019,张三,13800138001,440106,2020-05-20,2024-05-31,A,,
        LSVAB2BM4RA100004,粤A44444,K39,A,person,440106198001010019,张三,13800138001,440106,2020-05-20,2024-05-31,A,,
        LSVAB2BM6RA100005,粤A55555,K33,A,person,440106198001010019,张三,13800138001,440106,2020-05-20,2024-05-31,B,,
        LSVAB2BM8RA100006,粤A66666,K33,A,person,440106198001010019,张三,13800138001,440106,2020-05-20,2024-05-31,GK,,
        LSVAB2BMXRA100007,粤A77777,K33,A,person,440106198001010019,张三,13800138001,440106,2015-05-05,2025-05-31,A,2024-06-20,440106

        """

    func run(asOf: String) throws -> String {
        let (outcome, out) = try RunHarness.run(input: RunHarness.inputFolder(["vehicles.csv": Self.csv]), asOf: asOf)
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        return out
    }

    @Test("a June run: A = 06-01, window [06-01, 07-01]; no inspection is called 届满 before its date")
    func juneNotices() throws {
        let notices = try RunHarness.records(try run(asOf: "2024-06-01") + "/notifications.csv")
        let byVehicle = Dictionary(uniqueKeysWithValues: notices.map { ($0["record_id"] ?? "", $0) })
        #expect(byVehicle.mapValues { $0["notice_type"] ?? "" } == [
            "LSVAB2BM9RA100001": "INSPECTION_DUE",          // 06-30 ≥ A (E-based: INSPECTION_OVERDUE)
            "LSVAB2BM0RA100002": "INSPECTION_OVERDUE",      // 05-31 < A
            "LSVAB2BM2RA100003": "EXEMPT_STICKER_OVERDUE",  // 4 years, 05-31 < A
            "LSVAB2BM4RA100004": "INSPECTION_OVERDUE",      // a van is never exempt
            "LSVAB2BM8RA100006": "EXEMPT_STICKER_OVERDUE",  // GK is open
        ])
        let due = try #require(byVehicle["LSVAB2BM9RA100001"]?["message"])
        #expect(due.contains("有效期至2024-06-30"))
        #expect(!due.contains("届满"))
        #expect(try #require(byVehicle["LSVAB2BM0RA100002"]?["message"]).contains("已于2024-05-31届满"))
        #expect(try #require(byVehicle["LSVAB2BM2RA100003"]?["message"]).contains("2024-05-31"))
        // Whatever the type: a message that says 届满 names a date before A.
        for notice in notices where notice["message"]?.contains("届满") == true {
            #expect(try #require(notice["due_on"]) < "2024-06-01", "\(notice)")
        }
    }

    @Test("B is closed and GK open, in the summary as in the notices")
    func statuses() throws {
        let out = try run(asOf: "2024-06-01")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        let vehicles = try #require((json as? [String: Any])?["vehicles"] as? [String: Any])
        #expect(vehicles["open"] as? Int == 6)
        #expect(vehicles["closed"] as? Int == 1)
        let byType = try #require(vehicles["notices_by_type"] as? [String: Int])
        #expect(byType["EXEMPT_STICKER_OVERDUE"] == 2)
        #expect(byType["INSPECTION_OVERDUE"] == 2)
        #expect(byType["INSPECTION_DUE"] == 1)
    }

    /// The V3 task of vehicle 7 (due 2024-06-21) on four nights: (A, overdue, days_overdue).
    static let nights: [(String, String, String)] = [
        ("2024-06-20", "N", "0"),   // the day the information arrived
        ("2024-06-21", "N", "0"),   // the due day (E-based: Y, since E = 07-01 > 06-21)
        ("2024-06-25", "Y", "4"),   // 06-21 → 06-25
        ("2024-07-03", "Y", "12"),  // 9 days to 06-30, 3 into July
    ]

    @Test("a June and a July run of the same V3 task", arguments: nights)
    func worklistNights(_ night: (String, String, String)) throws {
        let worklist = try RunHarness.records(try run(asOf: night.0) + "/vehicles.deregistration_worklist.csv")
        #expect(worklist.map { [$0["vin"], $0["due_on"], $0["overdue"], $0["days_overdue"]] }
            == [["LSVAB2BMXRA100007", "2024-06-21", night.1, night.2]])
    }

    @Test("vehicles.cleaned.csv effective_on is A; V5 notices keep E")
    func effectiveOn() throws {
        let (outcome, out) = try RunHarness.run(input: RunHarness.inputFolder(["vehicles.csv": Self.csv]), asOf: "2024-06-01",
                                                overrides: ["vehicles.ecert_pilot_regions=4401"])
        #expect(outcome.exitCode == .ok)
        let cleaned = try RunHarness.records(out + "/vehicles.cleaned.csv")
        #expect(Set(cleaned.map { $0["effective_on"] }) == ["2024-06-01"])
        let ecert = try RunHarness.records(out + "/notifications.csv").filter { $0["notice_type"] == "ECERT_AVAILABLE" }
        // Six open vehicles in Guangzhou (4401); the B one is closed.
        #expect(ecert.count == 6)
        #expect(Set(ecert.map { $0["due_on"] }) == ["2024-07-01"])
    }
}
