import Foundation
import Testing
@testable import JGPipe

/// The revision of 2026-12-07 end to end (SPEC §7, 公安部令第162号), as-of 2024-06-01 with the
/// optional columns points, points_cycle_end, review_flag and birth_date. Identity check characters
/// computed by hand (GB 11643).
/// - L1 A2, 3 points in the cycle ending C = 2024-05-10 → LICENCE_REVIEW_DUE due 2024-06-09 (第七十二条第三款).
/// - L2 A2, 0 points in that cycle → exempt, nothing.
/// - L3 a passport, born 1954-05-01 (birth_date), C1, C = 2024-05-20, 70 on C → LICENCE_MEDICAL_DUE
///   due 2024-06-19 (第七十四条第一款).
/// - L4 a passport without birth_date → age_unknown, nothing.
/// - L5 D+E, born 1954-05-31: 70 on A → LICENCE_AGE_CLASS_CHANGE to F, due A + 30 = 2024-07-01,
///   fact the 70th birthday (第六十五条); 69 on its C = 2024-01-01, so no certificate yet.
/// - L6 C3 only, born 1954-05-01 → cancellation work list, age_only_classes, cancel_due_on the 70th
///   birthday 2024-05-01, 31 days overdue (第七十九条第一款第十项).
/// - L7 C1, born 1952-01-01, no certificate ever: 70 on the cycle end 2022-03-10, a year past on
///   2023-03-10 → work list no_medical_certificate from 2023-03-11, 448 days; the current cycle
///   (C = 2024-03-10, due 2024-04-09) → LICENCE_MEDICAL_OVERDUE.
/// - L8 C1 with review_flag Y, C = 2024-05-15 → LICENCE_REVIEW_DUE due 2024-06-14 (第七十二条第四款).
@Suite("driver licences: the revised D2, D3, D5 and work list")
struct RevisedLicenceRulesTests {
    static let csv = """
        holder_id_type,holder_id_no,holder_name,holder_phone,region_code,classes,first_issued_on,valid_until,status,cancel_reason,last_medical_on,last_reviewed_on,累积记分,记分周期止,审验标记,出生日期
        A,440106198001010043,张一,13800000001,440106,A2,2010-05-10,2030-05-10,,,,2023-05-20,3,2024-05-10,,
        A,440106198202020010,王二,13800000002,440106,A2,2010-05-10,2030-05-10,,,,2023-05-20,0,2024-05-10,N,
        P,E12345678,李三,13800000003,440106,C1,2000-05-20,2030-05-20,,,,,,,,1954-05-01
        P,E87654321,赵四,13800000004,440106,C1,2000-05-20,2030-05-20,,,,,,,,
        A,440106195405310030,钱五,13800000005,440106,DE,1990-01-01,2030-01-01,,,,,,,,
        A,44010619540501002X,孙六,13800000006,440106,C3,1990-08-01,2030-08-01,,,,,,,,
        A,44010619520101001X,周七,13800000007,440106,C1,1980-03-10,2030-03-10,,,,,,,,
        A,440106197503030023,吴八,13800000008,440106,C1,2010-05-15,2030-05-15,,,,,,,是,

        """

    func run(asOf: String, state: String, input: String) throws -> (RunOutcome, String) {
        let out = RunHarness.temporaryFolder("jgpipe-out") + "/out"
        let request = RunRequest(settings: try PipelineSettings(values: [:]), inputDirectory: input, outputDirectory: out,
                                 asOf: try CalendarDate(parsing: asOf), stateDirectory: state)
        return (Pipeline.run(request), out)
    }

    @Test("notices, work list and counts; each notice sent once across two nights with one --state")
    func twoNights() throws {
        let input = RunHarness.inputFolder(["driver_licences.csv": Self.csv])
        let state = RunHarness.temporaryFolder("jgpipe-state")
        let (first, out) = try run(asOf: "2024-06-01", state: state, input: input)
        #expect(first.exitCode == .ok, "\(first.message)")
        let notices = try RunHarness.records(out + "/notifications.csv")
        #expect(notices.map { [$0["notice_type"]!, $0["recipient_id"]!, $0["due_on"]!] } == [
            ["LICENCE_AGE_CLASS_CHANGE", "440106195405310030", "2024-07-01"],
            ["LICENCE_MEDICAL_DUE", "E12345678", "2024-06-19"],
            ["LICENCE_MEDICAL_OVERDUE", "44010619520101001X", "2024-04-09"],
            ["LICENCE_REVIEW_DUE", "440106197503030023", "2024-06-14"],
            ["LICENCE_REVIEW_DUE", "440106198001010043", "2024-06-09"],
        ])
        let message = Dictionary(notices.map { ($0["recipient_id"]!, $0["message"]!) }, uniquingKeysWith: { a, _ in a })
        #expect(message["440106198001010043"]!.contains("在截至2024-05-10的记分周期内记分3分"))
        #expect(message["440106198001010043"]!.contains("不少于三小时"))
        #expect(message["440106197503030023"]!.contains("发生交通事故"))
        #expect(message["E12345678"]!.contains("已年满70周岁，应当每年进行一次身体检查"))
        #expect(message["440106195405310030"]!.contains("已年满70周岁"))
        #expect(message["440106195405310030"]!.contains("不得再驾驶准驾车型为DE的机动车"))
        #expect(message["440106195405310030"]!.contains("换领准驾车型为F的机动车驾驶证"))
        #expect(notices.allSatisfy { !$0["message"]!.contains("{") })

        let worklist = try RunHarness.readCSV(out + "/driver_licences.cancellation_worklist.csv")
        #expect(worklist.rows.map { [$0[1], $0[7], $0[8], $0[9], $0[10]] } == [
            ["44010619520101001X", "no_medical_certificate", "第七十九条第一款第九项", "2023-03-11", "448"],
            ["44010619540501002X", "age_only_classes", "第七十九条第一款第十项", "2024-05-01", "31"],
        ])
        let cleaned = try RunHarness.records(out + "/driver_licences.cleaned.csv")
        #expect(cleaned.map { $0["age_on_a"]! } == ["44", "42", "70", "", "70", "70", "72", "49"])
        #expect(cleaned.map { $0["review_flag"]! } == ["N", "N", "N", "N", "N", "N", "N", "Y"])
        #expect(cleaned[0]["points"] == "3" && cleaned[0]["points_cycle_end"] == "2024-05-10")

        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        let licences = try #require(((summary as? [String: Any])?["rules"] as? [String: Any])?["driver_licences"] as? [String: Any]
            ?? (summary as? [String: Any])?["driver_licences"] as? [String: Any])
        #expect(licences["age_unknown"] as? Int == 1)
        #expect(licences["review_unknown"] as? Int == 0)
        let list = try #require(licences["cancellation_worklist"] as? [String: Any])
        #expect(list["rows"] as? Int == 2)

        let (second, out2) = try run(asOf: "2024-06-02", state: state, input: input)
        #expect(second.exitCode == .ok, "\(second.message)")
        #expect(try RunHarness.records(out2 + "/notifications.csv").isEmpty)
    }
}
