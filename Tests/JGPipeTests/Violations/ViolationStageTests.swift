import Foundation
import Testing
@testable import JGPipe

/// The violation stage end to end, as-of 2024-08-01, cutover 2024-07-01.
/// Vehicles: A 粤A12345/02 (person 张一, Guangzhou), B 粤B23456/02 (a unit, Shenzhen), C 粤A34567/02
/// (closed), D 粤A12345/01 (same plate number, another plate type: a unit's bus, Guangzhou).
@Suite("violation stage")
struct ViolationStageTests {
    static let vehicles = """
        vin,plate_no,plate_type,vehicle_type,use_nature,owner_type,owner_id_no,owner_name,owner_phone,region_code,registered_on,inspection_valid_until,status
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,440106198001010043,张一,13800000001,440106,2018-07-20,2026-07-31,A
        LSVAB2BM0RA100002,粤B23456,02,K33,A,unit,91440101MA5C111109,广州市某运输有限公司,020-83118888,440305,2019-05-10,2026-11-30,
        LSVAB2BM2RA100003,粤A34567,02,K33,A,person,440106199003150079,赵四,13800000004,440106,2010-03-01,2019-03-31,E
        LSVAB2BM4RA100004,粤A12345,01,K11,C,unit,91440101MA5C111109,广州市某运输有限公司,020-83118888,440106,2020-01-01,2026-01-31,

        """
    /// Line 2 W001, line 3 W002: vehicle A unprocessed, 3 + 0 points, 200 + 0 yuan, oldest 2024-06-10 → W1.
    /// Line 4 W003: processed by the owner 2024-07-20, 150.50 unpaid → W2 due 2024-08-04 (20 July + 15); no W3.
    /// Line 5 W004: by 赵四, registered 2024-07-01 00:00:00, before the violation of 3 July; paid → nothing.
    /// Line 6 W005: by 赵四, violation of 25 June, before the registration → REGISTERED_AFTER_VIOLATION.
    /// Line 7 W006: vehicle B by 孙六, whose registration was revoked on 1 July, violation 8 July →
    ///   REVOKED_BEFORE_VIOLATION; 100 yuan unpaid → W2 due 2024-08-07 (23 July + 15).
    /// Line 8 W007: on site (现场), not registered; fine 0 → nothing.
    /// Line 9 W008: processed 20 June, before the cutover → no W3; 50 unpaid → W2 due 2024-07-05.
    /// Line 10 W009: non-site by 郑九, never registered → NOT_REGISTERED; fine 0.
    /// Line 11 W010: the closed vehicle C → no W1.
    /// Line 12 W011: vehicle D (plate type 01): unprocessed, 150.50 → W1 to the unit.
    /// Lines 13–17: UNKNOWN_VEHICLE, INVALID_NUMBER (13 points), INVALID_NUMBER (3 places),
    ///   INVALID_CODE (3-digit code), MISSING_FIELD (processed without processed_at).
    static let violations = """
        violation_id,plate_no,plate_type,occurred_at,region_code,violation_code,points,fine,non_site,status,processed_at,handler_id_type,handler_id_no,handler_name,paid,note
        W001,粤A·12345,02,2024-07-05 08:30,440106,1625,3,200,Y,unprocessed,,,,,,一
        W002,粤A12345,02,2024-06-10 14:00,440106,13450,,0,,,,,,,,二
        W003,粤A12345,02,2024-07-02 09:00,440106,1625,6,150.50,Y,processed,2024-07-20 10:00,A,440106198001010043,张一,N,三
        W004,粤A12345,02,2024-07-03 10:00,440111,1625,3,200,非现场,已处理,2024-07-21 10:00,,440106199003150079,赵四,已缴款,四
        W005,粤A12345,02,2024-06-25 10:00,440111,1625,3,200,Y,processed,2024-07-22 10:00,,440106199003150079,赵四,Y,五
        W006,粤B23456,02,2024-07-08 10:00,440305,1352,1,100,Y,processed,2024-07-23 10:00,,440305198808080098,孙六,N,六
        W007,粤B23456,02,2024-07-09 10:00,440305,1352,2,0,现场,processed,2024-07-10 10:00,,440106195405110039,吴八,N,七
        W008,粤B23456,02,2024-06-01 10:00,440305,1352,0,50,Y,processed,2024-06-20 10:00,,440106195405110039,吴八,N,八
        W009,粤B23456,02,2024-07-15 10:00,440305,1352,0,0,Y,processed,2024-07-16 10:00,,440106195405100025,郑九,,九
        W010,粤A34567,02,2024-07-15 10:00,440106,1625,3,200,Y,,,,,,,十
        W011,粤A12345,01,2024-07-16 10:00,440106,1625,0,150.50,Y,,,,,,,十一
        W012,粤C99999,02,2024-07-16 10:00,440106,1625,0,0,Y,,,,,,,
        W013,粤A12345,02,2024-07-16 10:00,440106,1625,13,0,Y,,,,,,,
        W014,粤A12345,02,2024-07-16 10:00,440106,1625,0,1.234,Y,,,,,,,
        W015,粤A12345,02,2024-07-16 10:00,440106,123,0,0,Y,,,,,,,
        W016,粤A12345,02,2024-07-16 10:00,440106,1625,0,0,Y,processed,,,440106195405100025,郑九,,

        """
    static let users = """
        plate_no,plate_type,user_id_type,user_id_no,user_name,registered_on,revoked_on
        粤A12345,02,,440106199003150079,赵四,2024-07-01 00:00:00,
        粤B23456,02,,440305198808080098,孙六,2024-01-01,2024-07-01
        粤C99999,02,,440106195405100025,郑九,2024-01-01,
        粤B23456,02,,440106540509001,王二,2024-02-02,

        """

    func run(_ files: [String: String]) throws -> (RunOutcome, String) {
        try RunHarness.run(input: RunHarness.inputFolder(files), asOf: "2024-08-01", overrides: ["run.max_rejected_ratio=1"])
    }

    func runAll() throws -> String {
        let (outcome, out) = try run(["vehicles.csv": Self.vehicles, "violations.csv": Self.violations,
                                      "vehicle_users.csv": Self.users])
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        return out
    }

    @Test("W1 and W2 notices, in notifications.csv order")
    func notices() throws {
        let out = try runAll()
        let types = Set(NoticeType.violationTypes.map(\.rawValue))
        let notices = try RunHarness.records(out + "/notifications.csv").filter { types.contains($0["notice_type"]!) }
        #expect(notices.map { [$0["detachment_code"]!, $0["notice_type"]!, $0["recipient_id"]!, $0["record_id"]!, $0["due_on"]!] } == [
            ["440100", "FINE_UNPAID", "440106198001010043", "W003", "2024-08-04"],
            ["440100", "VIOLATIONS_UNPROCESSED", "440106198001010043", "LSVAB2BM9RA100001", "2024-08-01"],
            ["440100", "VIOLATIONS_UNPROCESSED", "91440101MA5C111109", "LSVAB2BM4RA100004", "2024-08-01"],
            ["440300", "FINE_UNPAID", "440106195405110039", "W008", "2024-07-05"],
            ["440300", "FINE_UNPAID", "440305198808080098", "W006", "2024-08-07"],
        ])
        #expect(notices[0]["phone"] == "13800000001")      // the handler is the owner
        #expect(notices[4]["phone"] == "")                 // a registered user: no phone in the dump
        #expect(notices[2]["recipient_type"] == "unit")
        #expect(notices[1]["message"]?.contains("张一：您名下号牌为粤A12345的机动车有2起交通违法未处理（最早一起发生于2024-06-10），共记3分、罚款200.00元") == true)
        #expect(notices[2]["message"]?.contains("有1起交通违法未处理（最早一起发生于2024-07-16），共记0分、罚款150.50元") == true)
        #expect(notices[0]["message"]?.contains("罚款150.50元尚未缴纳，请于2024-08-04前") == true)
        #expect(notices[0]["message"]?.contains("每日按罚款数额的3%加处罚款") == true)
    }

    /// The same dump run on A = 2024-07-01, as if replayed a month early: a notice must be true on
    /// that day. W1: of 粤A12345/02's unprocessed W001 (5 July) and W002 (10 June) only W002 has
    /// happened: 1 violation, 0 points, 0.00 yuan; vehicle D's W011 (16 July) not yet: no notice.
    /// W2: W003 (decided 20 July) and W006 (23 July) not yet; W008 (20 June, 50 yuan) is told.
    @Test("on an earlier as-of date, violations and decisions after it are not told")
    func earlierAsOf() throws {
        let (outcome, out) = try RunHarness.run(input: RunHarness.inputFolder([
            "vehicles.csv": Self.vehicles, "violations.csv": Self.violations, "vehicle_users.csv": Self.users,
        ]), asOf: "2024-07-01", overrides: ["run.max_rejected_ratio=1"])
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        let types = Set(NoticeType.violationTypes.map(\.rawValue))
        let notices = try RunHarness.records(out + "/notifications.csv").filter { types.contains($0["notice_type"]!) }
        #expect(notices.map { [$0["notice_type"]!, $0["record_id"]!, $0["due_on"]!] } == [
            ["VIOLATIONS_UNPROCESSED", "LSVAB2BM9RA100001", "2024-07-01"],
            ["FINE_UNPAID", "W008", "2024-07-05"],
        ])
        #expect(notices[0]["message"]?.contains("有1起交通违法未处理（最早一起发生于2024-06-10），共记0分、罚款0.00元") == true)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        let section = try #require((summary as? [String: Any])?["violations"] as? [String: Any])
        #expect(section["W1_occurred_after_as_of"] as? Int == 2)
        #expect(section["W2_processed_after_as_of"] as? Int == 2)
        #expect(section["W2_unpaid_fines_yuan"] as? String == "50.00")
    }

    @Test("W3 audit file: three findings, ordered by detachment, processed_at, violation_id")
    func audit() throws {
        let out = try runAll()
        let (header, rows) = try RunHarness.readCSV(out + "/violations.authorisation_audit.csv")
        #expect(header == ViolationStage.auditColumns)
        #expect(rows == [
            ["W005", "粤A12345", "02", "LSVAB2BM9RA100001", "2024-06-25 10:00:00", "2024-07-22 10:00:00", "A",
             "440106199003150079", "赵四", "440106198001010043", "REGISTERED_AFTER_VIOLATION", "440100"],
            ["W009", "粤B23456", "02", "LSVAB2BM0RA100002", "2024-07-15 10:00:00", "2024-07-16 10:00:00", "A",
             "440106195405100025", "郑九", "91440101MA5C111109", "NOT_REGISTERED", "440300"],
            ["W006", "粤B23456", "02", "LSVAB2BM0RA100002", "2024-07-08 10:00:00", "2024-07-23 10:00:00", "A",
             "440305198808080098", "孙六", "91440101MA5C111109", "REVOKED_BEFORE_VIOLATION", "440300"],
        ])
    }

    @Test("cleaned and rejected files; conservation")
    func files() throws {
        let out = try runAll()
        let (header, rows) = try RunHarness.readCSV(out + "/violations.cleaned.csv")
        #expect(header == ViolationValidator.schema.columnNames + ["vin", "owner_id", "effective_on", "note"])
        let records = rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(records.count == 11)
        #expect(records[0]["plate_no"] == "粤A12345" && records[0]["fine"] == "200.00" && records[0]["status"] == "unprocessed")
        #expect(records[1]["points"] == "0" && records[1]["fine"] == "0.00" && records[1]["non_site"] == "Y")
        #expect(records[3]["non_site"] == "Y" && records[3]["status"] == "processed" && records[3]["paid"] == "Y")
        #expect(records[6]["non_site"] == "N")
        #expect(records[2]["vin"] == "LSVAB2BM9RA100001" && records[2]["owner_id"] == "440106198001010043")
        #expect(records[10]["vin"] == "LSVAB2BM4RA100004" && records[10]["effective_on"] == "2024-08-01")
        let rejected = try RunHarness.readCSV(out + "/violations.rejected.csv").rows
        #expect(rejected.map { [$0[0], $0[1]] } == [["13", "UNKNOWN_VEHICLE"], ["14", "INVALID_NUMBER"],
                                                    ["15", "INVALID_NUMBER"], ["16", "INVALID_CODE"], ["17", "MISSING_FIELD"]])
        let users = try RunHarness.records(out + "/vehicle_users.cleaned.csv")
        #expect(users.map { $0["user_id_no"]! } == ["440106199003150079", "440305198808080098", "440106195405090015"])
        #expect(users[0]["registered_on"] == "2024-07-01 00:00:00" && users[1]["revoked_on"] == "2024-07-01")
        let usersRejected = try RunHarness.readCSV(out + "/vehicle_users.rejected.csv").rows
        #expect(usersRejected.map { [$0[0], $0[1]] } == [["4", "UNKNOWN_VEHICLE"]])
    }

    @Test("violations.csv without vehicles.csv is exit 66; vehicle_users.csv alone is not read")
    func needsVehicles() throws {
        let (outcome, _) = try run(["violations.csv": Self.violations])
        #expect(outcome.exitCode == .noInput)
        #expect(outcome.message.contains("vehicles.csv"))
        let (alone, out) = try run(["vehicles.csv": Self.vehicles, "vehicle_users.csv": Self.users])
        #expect(alone.exitCode == .ok)
        #expect(!FileManager.default.fileExists(atPath: out + "/vehicle_users.cleaned.csv"))
    }
}
