import Foundation
import Testing
@testable import JGPipe

/// The licence stage end to end, as-of 2024-06-01 (A + 30 = 2024-07-01, A + 90 = 2024-08-30),
/// cutover 2024-07-01. Identity check characters computed by hand (GB 11643, SPEC §0).
@Suite("driver licence stage")
struct LicenceStageTests {
    static let header = "holder_id_type,holder_id_no,holder_name,holder_phone,region_code,classes,first_issued_on,valid_until,status,cancel_reason,last_medical_on,last_reviewed_on,note"
    static let chineseHeader = "证件类型,身份证明号码,姓名,手机号码,管辖区划,准驾车型,初次领证日期,有效期止,驾驶证状态,注销原因,最近体检日期,最近审验日期,备注"
    /// Line 2 L1: C1, expires 2024-08-15 (≤ A + 90) → LICENCE_RENEWAL_DUE; C = 2023-08-15.
    /// Line 3 L2: a 15-digit number, born 1954-05-09; C = 2024-05-10, 70 on C → LICENCE_MEDICAL_DUE
    ///   due 2024-06-09. Its note holds a quoted line break: the next record starts on line 5.
    /// Line 5 L3: full-width digits; B2, C = 2024-05-02, reviewed 2023 → LICENCE_REVIEW_DUE due
    ///   2024-06-01 (= A); medical certificate 2024-05-05 ≥ C → none.
    /// Line 6 L4: expired 2023-05-31, + 1 year = 2024-05-31 < A → cancellation work list, cancel_due_on
    ///   2024-06-01, 0 days overdue.
    /// Line 7 L5: G 注销 for overdue renewal, C1C6, expired 2021-05-31 (+ 3 years < A) →
    ///   RESTORATION_EXAMS_REDUCED due on the cutover; closed, so not on the work list.
    /// Line 8 L6: motorcycle-only (D), G overdue renewal → no notice.
    /// Line 9 L7: G for another reason → nothing.
    /// Line 10: class C7 → INVALID_CLASS. Line 11: 2023-02-29 → INVALID_DATE.
    /// Line 12: L1 again, identical → collapsed. Lines 13, 14: one holder, two expiry dates → DUPLICATE_KEY.
    static let rows = [
        "A,440106198001010043,张一,13800000001,440106,C1,2010-08-15,2024-08-15,,,,,甲",
        ",440106540509001,王二,13800000002,440106,C1,1990-05-10,2030-05-10,A,,,,\"第一行\n第二行\"",
        ",４４０１０６１９８５１２１２００５Ｘ,李三,13800000003,440106,B2,2005-05-02,2027-05-02,,,2024-05-05,2023-05-20,丙",
        ",440106199003150079,赵四,13800000004,440106,C1,2012-03-01,2023-05-31,,,,,丁",
        ",31011519750629008X,钱五,13800000005,310115,C1C6,2003-04-04,2021-05-31,G,overdue_renewal,,,戊",
        ",440305198808080098,孙六,13800000006,440305,D,2009-01-01,2019-01-01,G,逾期未换证,,,己",
        ",110105199303030105,周七,13800000007,110105,C1,2015-01-01,2021-01-01,G,身体条件不适合驾驶,,,庚",
        ",440106195405110039,吴八,13800000008,440106,C7,2010-01-01,2030-01-01,,,,,辛",
        ",440106195405110039,吴八,13800000008,440106,C1,2023-02-29,2030-01-01,,,,,辛",
        "A,440106198001010043,张一,13800000001,440106,C1,2010-08-15,2024-08-15,,,,,甲",
        ",440106195405100025,郑九,13800000009,440106,C1,2010-01-01,2030-01-01,,,,,壬",
        ",440106195405100025,郑九,13800000009,440106,C1,2010-01-01,2031-01-01,,,,,壬",
    ]

    static func csv(_ header: String) -> String { ([header] + rows).joined(separator: "\n") + "\n" }

    func run(_ files: [String: [UInt8]]) throws -> (RunOutcome, String) {
        let folder = RunHarness.temporaryFolder("jgpipe-in")
        for (name, bytes) in files {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)))
        }
        return try RunHarness.run(input: folder, overrides: ["run.max_rejected_ratio=1"])
    }

    static let expectedNotices = [
        ["310100", "RESTORATION_EXAMS_REDUCED", "31011519750629008X", "2024-07-01"],
        ["440100", "LICENCE_MEDICAL_DUE", "440106195405090015", "2024-06-09"],
        ["440100", "LICENCE_RENEWAL_DUE", "440106198001010043", "2024-08-15"],
    ]

    @Test("UTF-8 with English headers and GB18030 with Chinese headers give the same outputs")
    func bothEncodings() throws {
        let (utf8Outcome, utf8Out) = try run(["driver_licences.csv": Array(Self.csv(Self.header).utf8)])
        let (gbOutcome, gbOut) = try run(["driver_licences.csv": try ChunkBoundaryTests.gb18030(Self.csv(Self.chineseHeader))])
        for (outcome, out) in [(utf8Outcome, utf8Out), (gbOutcome, gbOut)] {
            #expect(outcome.exitCode == .ok, "\(outcome.message)")
            let notices = try RunHarness.records(out + "/notifications.csv")
            #expect(notices.map { [$0["detachment_code"]!, $0["notice_type"]!, $0["recipient_id"]!, $0["due_on"]!] }
                == Self.expectedNotices)
            #expect(notices.allSatisfy { $0["recipient_type"] == "person" && $0["record_id"] == $0["recipient_id"] })
            let worklist = try RunHarness.readCSV(out + "/driver_licences.cancellation_worklist.csv")
            #expect(worklist.header == LicenceStage.worklistColumns)
            #expect(worklist.rows == [["A", "440106199003150079", "赵四", "13800000004", "440106", "C1", "2023-05-31",
                                       "overdue_renewal", "第七十九条第一款第八项", "2024-06-01", "0", "440100"]])
            let rejected = try RunHarness.readCSV(out + "/driver_licences.rejected.csv").rows
            #expect(rejected.map { [$0[0], $0[1]] } == [["10", "INVALID_CLASS"], ["11", "INVALID_DATE"],
                                                        ["13", "DUPLICATE_KEY"], ["14", "DUPLICATE_KEY"]])
            let counts = try #require(outcome.datasets.first { $0.0 == "driver_licences" }?.1)
            #expect(counts.inputRecords == 12 && counts.cleaned == 7 && counts.rejected == 4 && counts.collapsedDuplicates == 1)
            #expect(counts.isConserved)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: utf8Out + "/notifications.csv"))
            == Data(contentsOf: URL(fileURLWithPath: gbOut + "/notifications.csv")))
    }

    @Test("cleaned file: canonical values, cycle_end, age_on_a, effective_on = A, pass-through as read")
    func cleaned() throws {
        let (outcome, out) = try run(["driver_licences.csv": Array(Self.csv(Self.header).utf8)])
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        let (header, rows) = try RunHarness.readCSV(out + "/driver_licences.cleaned.csv")
        #expect(header == DriverLicenceValidator.schema.columnNames + ["cycle_end", "age_on_a", "effective_on", "note"])
        let records = rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(records.map { $0["holder_id_no"]! } == [
            "440106198001010043", "440106195405090015", "44010619851212005X", "440106199003150079",
            "31011519750629008X", "440305198808080098", "110105199303030105",
        ])
        #expect(records.map { $0["cycle_end"]! } == [
            "2023-08-15", "2024-05-10", "2024-05-02", "2024-03-01", "2024-04-04", "2024-01-01", "2024-01-01",
        ])
        #expect(records.map { $0["age_on_a"]! } == ["44", "70", "38", "34", "48", "35", "31"])
        #expect(records.allSatisfy { $0["holder_id_type"] == "A" && $0["effective_on"] == "2024-06-01" })
        #expect(records.allSatisfy { $0["points"] == "" && $0["review_flag"] == "N" && $0["birth_date"] == "" })
        #expect(records[1]["note"] == "第一行\n第二行")
        #expect(records[4]["status"] == "G" && records[4]["cancel_reason"] == "overdue_renewal")
        #expect(records[5]["cancel_reason"] == "overdue_renewal")
        #expect(records[6]["cancel_reason"] == "身体条件不适合驾驶")
    }

    @Test("messages name the settings' and the record's values")
    func messages() throws {
        let (_, out) = try run(["driver_licences.csv": Array(Self.csv(Self.header).utf8)])
        let notices = try RunHarness.records(out + "/notifications.csv")
        let byType = Dictionary(uniqueKeysWithValues: notices.map { ($0["notice_type"]!, $0["message"]!) })
        #expect(byType["LICENCE_RENEWAL_DUE"]?.contains("张一：您的机动车驾驶证有效期至2024-08-15，可在有效期满前90日内") == true)
        #expect(byType["LICENCE_MEDICAL_DUE"]?.contains("记分周期于2024-05-10结束，请于2024-06-09前提交") == true)
        #expect(byType["RESTORATION_EXAMS_REDUCED"]?.contains("自2024-07-01起") == true)
        #expect(byType["RESTORATION_EXAMS_REDUCED"]?.contains("只需参加科目一、科目三道路驾驶技能考试") == true)
        #expect(notices.allSatisfy { !$0["message"]!.contains("{") })
    }

    @Test("[licences] settings: defaults equal pipelines/default.toml; a bad class or letter stops the run")
    func settings() throws {
        let (values, _) = try PipelineFile.load(path: VehicleSettingsTests.repository + "/pipelines/default.toml")
        let root = SettingsTable(path: "", values: values)
        #expect(try LicenceSettings(root.table("licences")) == LicenceSettings.defaults)
        #expect(try ViolationSettings(root.table("violations")) == ViolationSettings.defaults)
        let templates = try root.stringMap("templates")
        for type in NoticeType.licenceTypes.map(\.rawValue) + NoticeType.violationTypes.map(\.rawValue) {
            #expect(templates[type] != nil && templates[type] == NoticeTemplates.defaults[type], "\(type)")
        }
        for bad in ["licences.review_classes=B2,X9", "licences.closed_statuses=GG", "licences.medical_age=0"] {
            var overridden = values
            try PipelineFile.apply(override: bad, to: &overridden)
            #expect(throws: SettingsError.self, "\(bad)") {
                try LicenceSettings(SettingsTable(path: "", values: overridden).table("licences"))
            }
        }
    }
}
