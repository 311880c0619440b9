import Foundation
import Testing
@testable import JGPipe

/// The vehicle stage end to end through `RunHarness`, as-of A = 2024-06-01 (E = 2024-07-01): V2–V4
/// are judged on A, V5 on E (SPEC §0).
@Suite("vehicle stage")
struct VehicleStageTests {
    static let header = "vin,plate_no,vehicle_type,use_nature,owner_type,owner_id_no,owner_name,owner_phone,region_code,registered_on,inspection_valid_until,status,scrap_received_on,scrap_region_code,note"
    /// 1 open taxi due for scrapping (2016-08-20 + 8 = 2024-08-20, in [A, A + 90 = 08-30]) and
    /// inspection (2024-06-15, in [A, A + 30 = 07-01]);
    /// 2 closed (E) with no plate, long past both dates; 3 forcibly closed (M);
    /// 4 open, Shenzhen, scrapped in Guangzhou; 5 rejected (open, no plate).
    static let csv = """
        \(header)
        LSVAB2BM9RA100001,粤A·12345,K33,D,person,440106198001010019,张三,13800138001,440106,2016-08-20,2024-06-15,,,,甲
        LSVAB2BM0RA100002,,K33,D,person,440305199002150020,李四,13900139002,440106,2010-03-01,2019-03-31,E,2024-06-20,440305,乙
        LSVAB2BM2RA100003,粤A33333,K11,B,unit,91440101MA5C111109,广州市某运输有限公司,,440106,2008-01-15,2023-01-31,M,,,丙
        LSVAB2BM4RA100004,粤B44444,K33,A,person,440305199002150020,李四,13900139002,440305,2015-05-05,2025-05-31,A,2024-06-29,440106,丁
        LSVAB2BM6RA100005,,K33,A,person,440106198001010019,张三,13800138001,440106,2019-05-05,2025-05-31,A,,,戊

        """

    /// One rejected row of five is over the default 5 % guard, hence the ratio.
    func run(_ overrides: [String] = []) throws -> (RunOutcome, String) {
        try RunHarness.run(input: RunHarness.inputFolder(["vehicles.csv": Self.csv]),
                           overrides: ["run.max_rejected_ratio=1"] + overrides)
    }

    @Test("cleaned file: schema columns normalised, then vin_check, scrap_on, effective_on, then pass-through")
    func cleaned() throws {
        let (outcome, out) = try run()
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        let (header, rows) = try RunHarness.readCSV(out + "/vehicles.cleaned.csv")
        #expect(header == VehicleValidator.schema.columnNames + ["vin_check", "scrap_on", "effective_on", "note"])
        // Checked before indexing: a wrong validator fails this test, it does not crash the suite.
        try #require(rows.count == 4 && rows.allSatisfy { $0.count == header.count }, "\(rows)")
        let scrapOn = try #require(header.firstIndex(of: "scrap_on"))
        #expect(rows.map { $0[0] } == ["LSVAB2BM9RA100001", "LSVAB2BM0RA100002", "LSVAB2BM2RA100003", "LSVAB2BM4RA100004"])
        let first = Dictionary(uniqueKeysWithValues: zip(header, rows[0]))
        #expect(first["plate_no"] == "粤A12345")
        #expect(first["status"] == "A")
        #expect(first["owner_id_type"] == "A")
        #expect(first["scrap_on"] == "2024-08-20")
        #expect(first["effective_on"] == "2024-06-01")  // A (SPEC §3), not E
        #expect(first["note"] == "甲")
        // Closed vehicles keep their scrap date: 2010-03-01 + 8 (D, K3); 2008-01-15 + 15 (B, K1).
        #expect(rows[1][scrapOn] == "2018-03-01")
        #expect(rows[2][scrapOn] == "2023-01-15")
        #expect(rows[3][scrapOn] == "")
    }

    @Test("an open vehicle without a plate is rejected with its fields as read")
    func rejected() throws {
        let (_, out) = try run()
        let (header, rows) = try RunHarness.readCSV(out + "/vehicles.rejected.csv")
        #expect(header == ["line", "error_code", "error"] + Self.header.split(separator: ",").map(String.init))
        #expect(rows.count == 1)
        #expect(rows.first?[0] == "6")
        #expect(rows.first?[1] == "INVALID_PLATE")
        #expect(rows.first?[3] == "LSVAB2BM6RA100005")
    }

    @Test("closed vehicles get no notice and no work-list row; open ones get V2 and V4")
    func notices() throws {
        let (_, out) = try run()
        let notices = try RunHarness.records(out + "/notifications.csv")
        #expect(notices.map { $0["notice_type"]! } == ["INSPECTION_DUE", "SCRAP_DUE_SOON"])
        #expect(notices.allSatisfy { $0["record_id"] == "LSVAB2BM9RA100001" })
        let due = try #require(notices.first)
        #expect(due["recipient_type"] == "person")
        #expect(due["recipient_id"] == "440106198001010019")
        #expect(due["recipient_name"] == "张三")
        #expect(due["phone"] == "13800138001")
        #expect(due["detachment_code"] == "440100")
        #expect(due["due_on"] == "2024-06-15")
        #expect(due["message"]?.contains("粤A12345") == true)
        #expect(due["message"]?.contains("2024-06-15") == true)
        #expect(due["message"]?.contains("{") == false)
        let worklist = try RunHarness.readCSV(out + "/vehicles.deregistration_worklist.csv").rows
        // Only vehicle 4: received 2024-06-29 → due 2024-06-30, still ahead of A = 06-01, so not
        // overdue and 0 days; Guangzhou ≠ Shenzhen.
        #expect(worklist == [["LSVAB2BM4RA100004", "粤B44444", "李四", "13900139002", "440305", "440106", "2024-06-29",
                              "2024-06-30", "Y", "N", "0", "440300"]])
    }

    @Test("V5 only with pilot regions set: --set vehicles.ecert_pilot_regions=4401,3101")
    func ecert() throws {
        let (_, plain) = try run()
        #expect(try RunHarness.records(plain + "/notifications.csv").allSatisfy { $0["notice_type"] != "ECERT_AVAILABLE" })
        let (outcome, out) = try run(["vehicles.ecert_pilot_regions=4401,3101"])
        #expect(outcome.exitCode == .ok)
        let ecert = try RunHarness.records(out + "/notifications.csv").filter { $0["notice_type"] == "ECERT_AVAILABLE" }
        // Vehicles 2 and 3 are in Guangzhou too but closed; vehicle 4 is in Shenzhen.
        #expect(ecert.map { $0["record_id"]! } == ["LSVAB2BM9RA100001"])
        #expect(ecert.first?["due_on"] == "2024-07-01")
    }

    @Test("the work list is ordered by detachment, due_on, vin")
    func worklistOrder() throws {
        let rows = """
            \(Self.header)
            LSVAB2BM8RA100006,粤B66666,K33,A,person,440305199002150020,李四,,440305,2015-05-05,,A,2024-06-01,440305,
            LSVAB2BMXRA100007,粤A77777,K33,A,person,440305199002150020,李四,,440106,2015-05-05,,A,2024-06-10,440106,
            LSVAB2BM1RA100008,粤A88888,K33,A,person,440305199002150020,李四,,440106,2015-05-05,,A,2024-06-05,440106,
            LSVAB2BM3RA100009,粤A99999,K33,A,person,440305199002150020,李四,,440106,2015-05-05,,A,2024-06-10,440106,
            LSVAB2BM1RA100011,沪A11111,K33,A,person,440305199002150020,李四,,310101,2015-05-05,,A,2024-07-10,310101,

            """
        let (_, out) = try RunHarness.run(input: RunHarness.inputFolder(["vehicles.csv": rows]))
        let worklist = try RunHarness.readCSV(out + "/vehicles.deregistration_worklist.csv").rows
        // 310100 first; in 440100 due 06-06 before 06-11, and between the two 06-11 rows, VIN
        // ...M3... before ...MX...; 440300 last.
        try #require(worklist.allSatisfy { $0.count > 11 }, "\(worklist)")
        #expect(worklist.map { [$0[0], $0[7], $0[11]] } == [
            ["LSVAB2BM1RA100011", "2024-07-11", "310100"],
            ["LSVAB2BM1RA100008", "2024-06-06", "440100"],
            ["LSVAB2BM3RA100009", "2024-06-11", "440100"],
            ["LSVAB2BMXRA100007", "2024-06-11", "440100"],
            ["LSVAB2BM8RA100006", "2024-06-02", "440300"],
        ])
    }

    @Test("summary section: notice counts, work list, detachments")
    func summary() throws {
        let (_, out) = try run()
        let text = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let vehicles = try #require(json["vehicles"] as? [String: Any])
        #expect(vehicles["open"] as? Int == 2)
        #expect(vehicles["closed"] as? Int == 2)
        #expect(vehicles["V1_scrap_on_set"] as? Int == 3)
        #expect(vehicles["V2_V3_V4_judged_on"] as? String == "2024-06-01")
        #expect(vehicles["V5_effective_on"] as? String == "2024-07-01")
        #expect(vehicles["closed_statuses"] as? [String] == ["B", "E", "M"])
        let byType = try #require(vehicles["notices_by_type"] as? [String: Int])
        #expect(byType == ["SCRAP_DUE_SOON": 1, "SCRAP_OVERDUE": 0, "INSPECTION_DUE": 1, "INSPECTION_OVERDUE": 0,
                           "EXEMPT_STICKER_DUE": 0, "EXEMPT_STICKER_OVERDUE": 0, "ECERT_AVAILABLE": 0])
        let worklist = try #require(vehicles["V3_deregistration_worklist"] as? [String: Int])
        #expect(worklist == ["total": 1, "cross_region": 1, "overdue": 0, "days_overdue_max": 0])
        let byDetachment = try #require(vehicles["by_detachment"] as? [String: [String: Int]])
        #expect(byDetachment["440100"] == ["open": 1, "closed": 2, "INSPECTION_DUE": 1, "SCRAP_DUE_SOON": 1])
        #expect(byDetachment["440300"] == ["open": 1, "deregistration_worklist": 1, "deregistration_cross_region": 1])
    }

    @Test("the same inputs give byte-identical vehicle outputs")
    func deterministic() throws {
        let input = RunHarness.inputFolder(["vehicles.csv": Self.csv])
        let overrides = ["run.max_rejected_ratio=1", "vehicles.ecert_pilot_regions=4401"]
        let (_, a) = try RunHarness.run(input: input, overrides: overrides)
        let (_, b) = try RunHarness.run(input: input, overrides: overrides)
        for name in ["vehicles.cleaned.csv", "vehicles.rejected.csv", "vehicles.deregistration_worklist.csv",
                     "notifications.csv", "summary.json"] {
            let first = FileManager.default.contents(atPath: a + "/" + name)
            #expect(first != nil && first == FileManager.default.contents(atPath: b + "/" + name), "\(name)")
        }
    }

    @Test("no vehicles.csv: the stage writes nothing; a missing required column stops the run (65)")
    func absentAndMissingColumn() throws {
        let (outcome, out) = try RunHarness.run(input: RunHarness.inputFolder(RunHarness.anotherDatasetOnly))
        #expect(outcome.exitCode == .ok)
        #expect(!FileManager.default.fileExists(atPath: out + "/vehicles.cleaned.csv"))
        let noRegion = "vin,plate_no,owner_type,registered_on\nLSVAB2BM9RA100001,粤A12345,person,2016-08-20\n"
        let (missing, _) = try RunHarness.run(input: RunHarness.inputFolder(["vehicles.csv": noRegion]))
        #expect(missing.exitCode == .dataError)
        #expect(missing.message.contains("region_code"))
    }
}
