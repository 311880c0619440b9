import Foundation
import Testing
@testable import JGPipe

/// SPEC §4 "Identity" and "Once" over whole runs: one `--state`, one unchanged dump, five nights
/// either side of the cutover (2024-07-01; notice deadline 2024-06-20).
///
/// The dump, worked by hand:
/// - unit U1 (91440106MA5UA00013, 440100, mobile): its legal person's account 1001, and 李明
///   twice (2002 of 2022-05-05, 2003 of 2023-01-01): R1 removes 2002. U1 keeps a legal person.
/// - unit U2 (91440305MA5UA00022, 440300, landline): one `ordinary` account of 张伟: nothing is
///   removed, and no legal-person account is left (C3 → UNIT_NO_LEGAL_PERSON).
/// - enrollment EX002 (E2, optimized, enrolled before the cutover, subject 2 booked for
///   2024-06-18): S2_BOOKING_NOT_NEEDED, fact 2024-06-18.
/// - vehicle LSVAB2BM9RA100001 (440106, pilot region 4401, no inspection date, no scrap age):
///   ECERT_AVAILABLE, fact none.
///
/// Night by night:
/// - 06-10: all four, first seen: CLEANUP U1 (due 06-20), NO_LEGAL_PERSON U2 (due 07-01), S2, ECERT.
/// - 06-11: nothing new.
/// - 06-25: past the deadline the CLEANUP is due on the cutover, but its fact (account 2002) is
///   unchanged: the same notice, not sent again.
/// - 07-02: after the cutover the removal is UNIT_ACCOUNTS_DISABLED: the type is part of the
///   identity, so it is a new notice, once (docs/rules/unit-accounts.md). NO_LEGAL_PERSON, due
///   on E = 07-02 now, is the same notice as before.
/// - 07-03: nothing new.
/// - 07-04, one more account of 李明 in U1 (2004, 2022-12-01, also removed by R1): U1's fact is
///   now {2002, 2004}: exactly one new notice, UNIT_ACCOUNTS_DISABLED for U1 naming 2 accounts.
@Suite struct NoticeNightsTests {
    static let units = """
        unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone
        91440106MA5UA00013,穗天河物流有限公司,A,440106197503120117,陈建国,440106,13800138001
        91440305MA5UA00022,深南山科技有限公司,,440305197802200234,林志强,440305,0755-26881234

        """
    static let accounts = """
        account_id,unit_code,holder_id_type,holder_id_no,holder_name,holder_phone,registered_at,status,role,replace_permit
        1001,91440106MA5UA00013,A,440106197503120117,陈建国,13900000001,2020-03-01 10:00:00,active,,
        2002,91440106MA5UA00013,,440106199002140354,李明,13900000002,2022-05-05 08:00:00,active,,
        2003,91440106MA5UA00013,,440106199002140354,李明,13900000003,2023-01-01 08:00:00,active,,
        3001,91440305MA5UA00022,,440106199103150519,张伟,13900000004,2021-01-01 09:00:00,active,ordinary,

        """
    static let oneMoreRemoved = "2004,91440106MA5UA00013,,440106199002140354,李明,13900000005,2022-12-01 08:00:00,active,,\n"
    static let enrollments = """
        enrollment_id,applicant_id_type,applicant_id_no,applicant_name,applicant_phone,region_code,original_classes,requested_classes,cancel_reason,license_expiry_date,enrolled_on,subject1,subject2,subject3_road,subject3_safety,subject2_booked_on,exclusion
        EX002,A,44030519851212002X,林二,13800000002,440305,B2,C1,overdue_renewal,2018-09-30,2024-04-02,passed,booked,,,2024-06-18,

        """
    static let vehicles = """
        vin,plate_no,plate_type,vehicle_type,use_nature,owner_type,owner_id_type,owner_id_no,owner_name,owner_phone,region_code,registered_on,inspection_valid_until,status,scrap_received_on,scrap_region_code
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,A,440106198001010019,张三,13800138001,440106,2020-08-20,,A,,

        """

    static func dump(extraAccount: Bool = false) -> String {
        RunHarness.inputFolder([
            "units.csv": units, "unit_accounts.csv": accounts + (extraAccount ? oneMoreRemoved : ""),
            "exam_enrollments.csv": enrollments, "vehicles.csv": vehicles,
        ])
    }

    static let overrides = ["vehicles.ecert_pilot_regions=4401"]

    /// One night: the notices it wrote, as "TYPE recipient" in file order, and the rows.
    static func night(_ asOf: String, input: String, state: String?, base: String,
                      allNotices: Bool = false) throws -> (written: [String], rows: [[String: String]], outcome: RunOutcome) {
        let out = base + "/out-" + asOf + (allNotices ? "-all" : "")
        let outcome: RunOutcome
        if let state {
            outcome = try ledgerRun(input: input, output: out, state: state, allNotices: allNotices,
                                    overrides: overrides, asOf: asOf)
        } else {
            outcome = try RunHarness.run(input: input, asOf: asOf, overrides: overrides, output: out).outcome
        }
        #expect(outcome.exitCode == .ok, "\(asOf): \(outcome.message)")
        let rows = try RunHarness.records(out + "/notifications.csv")
        return (rows.map { "\($0["notice_type"]!) \($0["recipient_id"]!)" }, rows, outcome)
    }

    static let u1 = "91440106MA5UA00013", u2 = "91440305MA5UA00022"

    @Test func fiveNightsPublishEachNoticeOnce() throws {
        let base = RunHarness.temporaryFolder("jgpipe-nights")
        let state = base + "/state", input = Self.dump()
        let first = try Self.night("2024-06-10", input: input, state: state, base: base)
        // SPEC §4 order: detachment 440100 (U1, the vehicle), then 440300 (U2, EX002).
        #expect(first.written == [
            "ECERT_AVAILABLE 440106198001010019", "UNIT_ACCOUNTS_CLEANUP \(Self.u1)",
            "S2_BOOKING_NOT_NEEDED 44030519851212002X", "UNIT_NO_LEGAL_PERSON \(Self.u2)",
        ])
        let cleanup = try #require(first.rows.first { $0["notice_type"] == "UNIT_ACCOUNTS_CLEANUP" })
        #expect(cleanup["due_on"] == "2024-06-20")
        #expect(try Self.night("2024-06-11", input: input, state: state, base: base).written.isEmpty)
        let afterDeadline = try Self.night("2024-06-25", input: input, state: state, base: base)
        #expect(afterDeadline.written.isEmpty)
        #expect(afterDeadline.outcome.noticesSuppressed == 4)
        let cutover = try Self.night("2024-07-02", input: input, state: state, base: base)
        #expect(cutover.written == ["UNIT_ACCOUNTS_DISABLED \(Self.u1)"])
        #expect(cutover.rows.first?["due_on"] == "2024-07-02")
        #expect(cutover.outcome.noticesSuppressed == 3)
        #expect(try Self.night("2024-07-03", input: input, state: state, base: base).written.isEmpty)

        let grown = try Self.night("2024-07-04", input: Self.dump(extraAccount: true), state: state, base: base)
        #expect(grown.written == ["UNIT_ACCOUNTS_DISABLED \(Self.u1)"])
        #expect(grown.rows.first?["message"]?.contains("有2个单位注册用户账号") == true)
        #expect(try RunLedger(path: state + "/" + RunLedger.fileName).publishedNotices().count == 6)
    }

    @Test func theIdIsTheFactNotTheRunDate() throws {
        // Without a ledger every night writes all its notices: the unit notices keep their ids
        // across the deadline (CLEANUP) and across nights after the cutover (DISABLED, C3).
        let base = RunHarness.temporaryFolder("jgpipe-ids")
        let input = Self.dump()
        func ids(_ asOf: String) throws -> [String: String] {
            let rows = try Self.night(asOf, input: input, state: nil, base: base).rows
            return Dictionary(uniqueKeysWithValues: rows.map { ("\($0["notice_type"]!) \($0["recipient_id"]!)", $0["notice_id"]!) })
        }
        let june10 = try ids("2024-06-10"), june25 = try ids("2024-06-25")
        let july2 = try ids("2024-07-02"), july3 = try ids("2024-07-03")
        #expect(june10 == june25)
        #expect(july2 == july3)
        #expect(july2["UNIT_NO_LEGAL_PERSON \(Self.u2)"] == june10["UNIT_NO_LEGAL_PERSON \(Self.u2)"])
        #expect(july2["ECERT_AVAILABLE 440106198001010019"] == june10["ECERT_AVAILABLE 440106198001010019"])
        #expect(july2["UNIT_ACCOUNTS_DISABLED \(Self.u1)"] != nil && july2["UNIT_ACCOUNTS_CLEANUP \(Self.u1)"] == nil)
        let grown = try Self.night("2024-07-03", input: Self.dump(extraAccount: true), state: nil, base: base + "/g").rows
        let grownIDs = Set(grown.map { $0["notice_id"]! })
        #expect(grownIDs.subtracting(july3.values).count == 1)
    }

    @Test func phoneKindsAreColumnsAndCounted() throws {
        let base = RunHarness.temporaryFolder("jgpipe-phones")
        let rows = try Self.night("2024-06-10", input: Self.dump(), state: nil, base: base).rows
        #expect(try RunHarness.readCSV(base + "/out-2024-06-10/notifications.csv").header == Notice.columns)
        #expect(Notice.columns[6...7] == ["phone", "phone_kind"])
        let kinds = Dictionary(uniqueKeysWithValues: rows.map { ($0["notice_type"]!, $0["phone_kind"]!) })
        #expect(kinds == ["UNIT_ACCOUNTS_CLEANUP": "mobile", "UNIT_NO_LEGAL_PERSON": "landline",
                          "S2_BOOKING_NOT_NEEDED": "mobile", "ECERT_AVAILABLE": "mobile"])
        let summary = try readText(base + "/out-2024-06-10/summary.json")
        #expect(summary.contains("\"not_sms_reachable\": 1,"))
        #expect(summary.contains("\"not_sms_reachable_by_type\": {\n      \"UNIT_NO_LEGAL_PERSON\": 1\n    }"))
        #expect(summary.contains("\"not_sms_reachable_by_detachment\": {\n      \"440300\": 1\n    }"))
        let report = try readText(base + "/out-2024-06-10/report.html")
        #expect(report.contains("无法短信送达"))
    }

    @Test func removalExportNamesTheKeptAccount() throws {
        let base = RunHarness.temporaryFolder("jgpipe-kept")
        _ = try Self.night("2024-06-10", input: Self.dump(extraAccount: true), state: nil, base: base)
        let removed = try RunHarness.readCSV(base + "/out-2024-06-10/unit_accounts.removed.csv")
        #expect(removed.header == ["account_id", "unit_code", "unit_name", "holder_id_type", "holder_id_no", "holder_name",
                                   "holder_phone", "registered_at", "cleanup_rule", "reason", "kept_account_id",
                                   "disable_on", "detachment_code"])
        // 2002 and 2004 are older than 2003, the account R1 keeps for 李明 in U1.
        #expect(removed.rows.map { [$0[0], $0[8], $0[10], $0[11]] } == [
            ["2002", "R1", "2003", "2024-07-01"], ["2004", "R1", "2003", "2024-07-01"],
        ])
    }
}
