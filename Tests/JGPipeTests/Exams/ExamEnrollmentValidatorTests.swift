import Testing
@testable import JGPipe

/// SPEC §2 input table and §0 error codes for `exam_enrollments.csv`.
@Suite struct ExamEnrollmentValidatorTests {
    static let base: [String: String] = [
        "enrollment_id": "BM2024001", "applicant_id_type": "", "applicant_id_no": "440106198001010019",
        "applicant_name": "张三", "applicant_phone": "13800138000", "region_code": "440106",
        "original_classes": "C1", "requested_classes": "C1", "cancel_reason": "overdue_renewal",
        "license_expiry_date": "2020-03-15", "enrolled_on": "2024-05-10", "subject1": "", "subject2": "",
        "subject3_road": "", "subject3_safety": "", "subject2_booked_on": "", "exclusion": "",
    ]

    /// Validates one row with the canonical header, `changes` applied to a valid base row.
    func validate(_ changes: [String: String], header: [String] = ExamEnrollmentValidator.schema.columnNames)
        -> Result<(ExamEnrollment, [String]), FieldError> {
        let values = Self.base.merging(changes) { _, new in new }
        let canonical = ExamEnrollmentValidator.schema.columnNames
        let fields = header.enumerated().map { i, name in values[canonical.indices.contains(i) ? canonical[i] : name] ?? "" }
        let schema = ExamEnrollmentValidator.schema
        let row = SchemaRow(row: InputRow(line: 2, fields: fields), map: try! HeaderMap(header: header, schema: schema),
                            schema: schema)
        let validator = ExamEnrollmentValidator()
        do throws(FieldError) {
            let record = try validator.validate(row)
            return .success((record, validator.canonicalFields(record, row)))
        } catch {
            return .failure(error)
        }
    }

    func error(_ changes: [String: String]) -> FieldError? {
        if case .failure(let e) = validate(changes) { return e }
        return nil
    }

    @Test func validRowIsCanonical() throws {
        let (record, fields) = try validate([
            "applicant_id_no": "44030519851212002x", "original_classes": "c1，C6", "requested_classes": "C6/C1",
            "cancel_reason": "逾期未换证", "license_expiry_date": "2020年2月29日", "enrolled_on": "２０２４０５１０",
            "subject1": "合格", "subject2": "已预约", "subject3_road": "不合格", "subject3_safety": "未考",
            "subject2_booked_on": "2024/7/8 09:30", "exclusion": "",
        ]).get()
        #expect(record.original == [.c1, .c6])
        #expect(record.cancelReason == .overdueRenewal(expiry: day("2020-02-29")))
        #expect(try record.subjects == statuses("pbf-"))
        #expect(fields == ["BM2024001", "A", "44030519851212002X", "张三", "13800138000", "440106", "C1C6", "C1C6",
                           "overdue_renewal", "2020-02-29", "2024-05-10", "passed", "booked", "failed", "not_taken",
                           "2024-07-08", ""])
    }

    @Test func otherReasonKeptAsGivenAndExpiryOptional() throws {
        let (record, fields) = try validate(["cancel_reason": "revoked", "license_expiry_date": ""]).get()
        #expect(record.cancelReason == .other("revoked"))
        #expect(fields[8] == "revoked")
        #expect(fields[9] == "")
    }

    @Test func exclusionIsAnyNonEmptyText() throws {
        #expect(try validate(["exclusion": "已重新取得驾驶证"]).get().0.hasExclusion)
        #expect(try !validate(["exclusion": " NULL "]).get().0.hasExclusion)
    }

    @Test(arguments: [
        // column, bad value, error code, start of the message
        ("enrollment_id", "", ErrorCode.missingField, "enrollment_id 为空"),
        ("applicant_id_no", "", .missingField, "applicant_id_no 为空"),
        ("applicant_id_no", "440106198001010018", .invalidID, "applicant_id_no "),
        ("region_code", "4401", .invalidRegion, "region_code "),
        ("original_classes", "C7", .invalidClass, "original_classes \"C7\" 含有"),
        ("requested_classes", "小型汽车", .invalidClass, "requested_classes "),
        ("requested_classes", "", .missingField, "requested_classes 为空"),
        ("cancel_reason", "", .missingField, "cancel_reason 为空"),
        ("license_expiry_date", "", .missingField, "license_expiry_date 为空：注销原因为逾期未换证"),
        ("license_expiry_date", "2021-02-29", .invalidDate, "license_expiry_date "),
        ("enrolled_on", "", .missingField, "enrolled_on 为空"),
        ("enrolled_on", "2024-13-01", .invalidDate, "enrolled_on "),
        ("subject1", "pass", .invalidCode, "subject1 \"pass\" 不是可选值"),
        ("subject2", "已通过", .invalidCode, "subject2 "),
        ("subject3_road", "x", .invalidCode, "subject3_road "),
        ("subject3_safety", "ok", .invalidCode, "subject3_safety "),
        ("subject2_booked_on", "next week", .invalidDate, "subject2_booked_on "),
    ])
    func rejections(column: String, value: String, code: ErrorCode, message: String) {
        let e = error([column: value])
        #expect(e?.code == code)
        #expect(e?.message.hasPrefix(message) == true, "\(e?.message ?? "no error")")
    }

    @Test func badExpiryOfAnOutOfScopeRowIsStillRejected() {
        #expect(error(["cancel_reason": "revoked", "license_expiry_date": "soon"])?.code == .invalidDate)
    }

    @Test func firstFailingColumnNamesTheError() {
        let e = error(["original_classes": "X1", "enrolled_on": "bad", "subject1": "bad"])
        #expect(e?.code == .invalidClass)
    }

    @Test func chineseHeaders() throws {
        let header = ["报名编号", "证件类型", "身份证明号码", "姓名", "手机号码", "考试地区划", "原准驾车型", "申请准驾车型", "注销原因",
                      "有效期止", "报名日期", "科目一", "科目二", "科目三道路驾驶技能", "科目三安全文明常识", "科目二预约日期", "排除情形"]
        let map = try HeaderMap(header: header, schema: ExamEnrollmentValidator.schema)
        #expect(map.sources == (0..<17).map { Optional($0) })
        #expect(map.passThrough.isEmpty)
        let alternate = try HeaderMap(header: ["流水号", "身份证明号码", "管辖区划", "原准驾车型", "申请准驾车型", "注销原因", "报名日期"],
                                      schema: ExamEnrollmentValidator.schema)
        #expect(alternate.sources[0] == 0 && alternate.sources[5] == 2)
    }

    @Test func subjectStatusesAndEmpty() throws {
        for (text, status) in [("", SubjectStatus.notTaken), ("not_taken", .notTaken), ("未考", .notTaken),
                               ("booked", .booked), ("已预约", .booked), ("passed", .passed), ("合格", .passed),
                               ("PASSED", .passed), ("failed", .failed), ("不合格", .failed)] {
            #expect(try validate(["subject2": text]).get().0.subjects.s2 == status, "\(text)")
        }
    }
}
