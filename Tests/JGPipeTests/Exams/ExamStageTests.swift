import Foundation
import Testing
@testable import JGPipe

/// The exam stage end to end through `RunHarness`: cleaned columns, rejected rows, notices, summary.
@Suite struct ExamStageTests {
    static let csv = """
    enrollment_id,applicant_id_type,applicant_id_no,applicant_name,applicant_phone,region_code,original_classes,requested_classes,cancel_reason,license_expiry_date,enrolled_on,subject1,subject2,subject3_road,subject3_safety,subject2_booked_on,exclusion,备注
    BM01,,440106198001010019,张三,13800138000,440106,C1C6,C1C6,overdue_renewal,2020-03-15,2024-05-10,passed,booked,,,2024-07-08,,note1
    BM02,,110105199003070033,李四,,110105,B2,C1,逾期未换证,2019-01-01,2024-06-30,合格,合格,,不合格,,,note2
    BM03,,310115197506290047,王五,13900139000,310115,C2,C1,overdue_renewal,2020-03-15,2024-05-10,,,,,,,
    BM04,,440306198209090127,赵六,13700137000,440306,C1,C1,overdue_renewal,2021-06-01,2024-06-01,合格,,,,,,
    BM05,,320102199210100063,钱七,,320102,C1,C1,revoked,,2024-05-10,,,,,,,
    BM06,,440106198612310213,孙八,,440106,C9,C1,overdue_renewal,2020-03-15,2024-05-10,,,,,,,

    """

    static let added = ["scope", "case", "path", "required_subjects", "waived_subjects", "remaining_subjects",
                        "transition_rule", "auto_restore_classes", "restored_classes", "effective_on"]

    func run(asOf: String, _ overrides: [String] = []) throws -> (RunOutcome, String) {
        let input = RunHarness.inputFolder(["exam_enrollments.csv": Self.csv])
        let (outcome, out) = try RunHarness.run(input: input, asOf: asOf, overrides: ["run.max_rejected_ratio=1"] + overrides)
        return (outcome, out)
    }

    @Test func migrationRunBeforeTheCutover() throws {
        let (outcome, out) = try run(asOf: "2024-06-01", ["detachments.4401=440199"])
        #expect(outcome.exitCode == .ok, "\(outcome.message)")

        let (header, rows) = try RunHarness.readCSV(out + "/exam_enrollments.cleaned.csv")
        #expect(header == ExamEnrollmentValidator.schema.columnNames + Self.added + ["备注"])
        let width = ExamEnrollmentValidator.schema.columns.count
        let added = rows.map { Array($0[width..<(width + Self.added.count)]) }
        // Worked out by hand from SPEC §2 with E = 2024-07-01.
        #expect(rows.map { $0[0] } == ["BM01", "BM02", "BM03", "BM04", "BM05"])
        #expect(added[0] == ["LONG_OVERDUE", "E4", "OPTIMIZED", "S1;S3_ROAD", "S2;S3_SAFETY", "S3_ROAD", "T1", "C6", "", "2024-07-01"])
        #expect(added[1] == ["LONG_OVERDUE", "E2", "OPTIMIZED", "S1;S3_ROAD", "S2;S3_SAFETY", "S3_ROAD", "T2", "", "", "2024-07-01"])
        #expect(added[2] == ["LONG_OVERDUE", "", "FULL", "S1;S2;S3_ROAD;S3_SAFETY", "", "S1;S2;S3_ROAD;S3_SAFETY", "", "", "", "2024-07-01"])
        #expect(added[3] == ["SHORT_OVERDUE", "", "SUBJECT1_ONLY", "S1", "", "", "", "", "C1", "2024-07-01"])
        #expect(added[4] == ["OUT_OF_SCOPE", "", "UNCHANGED", "", "", "", "", "", "", "2024-07-01"])
        // Canonical schema values, pass-through as read.
        #expect(Array(rows[1][8...14]) == ["overdue_renewal", "2019-01-01", "2024-06-30", "passed", "passed", "not_taken", "failed"])
        #expect(rows[0].last == "note1")

        let rejected = try RunHarness.records(out + "/exam_enrollments.rejected.csv")
        #expect(rejected.count == 1)
        #expect(rejected.first?["line"] == "7")
        #expect(rejected.first?["error_code"] == "INVALID_CLASS")
        #expect(rejected.first?["error"]?.hasPrefix("original_classes \"") == true)

        let notices = try RunHarness.records(out + "/notifications.csv")
        #expect(notices.map { $0["notice_type"]! } == ["EXAM_SUBJECTS_WAIVED", "S2_BOOKING_NOT_NEEDED"])
        let waived = notices[0], booking = notices[1]
        #expect(waived["detachment_code"] == "110100")
        #expect(waived["recipient_type"] == "person")
        #expect(waived["recipient_id"] == "110105199003070033")
        #expect(waived["recipient_name"] == "李四")
        #expect(waived["phone"] == "")
        #expect(waived["record_id"] == "BM02")
        #expect(waived["due_on"] == "2024-07-01")
        #expect(waived["message"] == "【交管12123】李四：根据公安交管便民利企改革新措施，自2024-07-01起，您报名的驾驶证注销恢复考试（报名编号BM02）不再需要参加科目三安全文明常识考试，详情请登录“交管12123”查询。")
        #expect(booking["detachment_code"] == "440199")
        #expect(booking["recipient_id"] == "440106198001010019")
        #expect(booking["record_id"] == "BM01")
        #expect(booking["due_on"] == "2024-07-08")
        #expect(booking["phone"] == "13800138000")
        #expect(booking["message"]?.contains("不再需要参加科目二、科目三安全文明常识考试") == true)
        #expect(booking["message"]?.contains("自2024-07-01起无需参加") == true)

        let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        #expect(summary.contains("\"exam_enrollments\": {\n    \"enrollments\": 5,"))
        #expect(summary.contains("\"LONG_OVERDUE\": 3"))
        #expect(summary.contains("\"T1\": 1,\n      \"T2\": 1"))
    }

    @Test func nightlyRunAfterTheCutoverShowsTheSameState() throws {
        let (outcome, out) = try run(asOf: "2024-08-15")
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        let rows = try RunHarness.records(out + "/exam_enrollments.cleaned.csv")
        #expect(rows.map { $0["transition_rule"]! } == ["T1", "T2", "", "", ""])
        #expect(rows.map { $0["effective_on"]! } == Array(repeating: "2024-08-15", count: 5))
        // Notices keep their due dates, so the ledger recognises them on later nights.
        let notices = try RunHarness.records(out + "/notifications.csv")
        #expect(notices.map { $0["due_on"]! } == ["2024-07-01", "2024-07-08"])
        #expect(notices.map { $0["detachment_code"]! } == ["110100", "440100"])
    }

    @Test(arguments: ["exams.small_car_classes=C1,X9", "exams.large_classes=B2,C1", "exams.small_car_classes=C1,C6"])
    func badClassSetsStopTheRun(setting: String) throws {
        let (outcome, _) = try run(asOf: "2024-06-01", [setting])
        #expect(outcome.exitCode == .config, "\(outcome.message)")
    }

    @Test func noEnrollmentFileSkipsTheStage() throws {
        let (outcome, out) = try RunHarness.run(input: RunHarness.inputFolder(RunHarness.anotherDatasetOnly))
        #expect(outcome.exitCode == .ok)
        #expect(!FileManager.default.fileExists(atPath: out + "/exam_enrollments.cleaned.csv"))
    }

    @Test func defaultPipelineFileMatchesTheCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let settings = try PipelineSettings.load(path: root + "/pipelines/default.toml")
        #expect(try ExamClassSets(settings.root.table("exams")) == ExamClassSets())
        for type in ExamNoticeType.allCases {
            #expect(settings.templates.template(type.rawValue) == NoticeTemplates.defaults[type.rawValue], "\(type)")
        }
    }
}
