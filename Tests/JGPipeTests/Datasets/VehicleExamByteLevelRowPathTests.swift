import Foundation
import Testing
@testable import JGPipe

/// `validateRaw` of vehicles and exam enrollments against `validateRow`, as
/// `ByteLevelRowPathTests` does for units and accounts: a row the byte path takes must come out
/// exactly as the string path makes it (record and canonical fields); anything else is handed over.
@Suite struct VehicleExamByteLevelRowPathTests {
    typealias Paths = ByteLevelRowPathTests

    static let vehicleHeader = "vin,plate_no,plate_type,vehicle_type,use_nature,owner_type,owner_id_type,owner_id_no,owner_name,owner_phone,region_code,registered_on,inspection_valid_until,status,scrap_received_on,scrap_region_code,remark"
    static let examHeader = "enrollment_id,applicant_id_type,applicant_id_no,applicant_name,applicant_phone,region_code,original_classes,requested_classes,cancel_reason,license_expiry_date,enrolled_on,subject1,subject2,subject3_road,subject3_safety,subject2_booked_on,exclusion,remark"

    static func errorCodes<R>(_ paths: [ByteLevelRowPathTests.Paths<R>]) -> [ErrorCode?] {
        paths.map { p in
            if case .failure(let error) = p.slow { return error.code }
            return nil
        }
    }

    // MARK: vehicles

    @Test func vehiclesAgreeOnEveryRowOfTheSamples() throws {
        let csv = try String(contentsOfFile: RunHarness.samples + "/utf8/vehicles.csv", encoding: .utf8)
        let paths = try Paths.bothPaths(csv, VehicleValidator())
        for p in paths { Paths.expectAgreement(p) }
        // Every valid sample row is already canonical, so the byte path takes exactly those and
        // hands over the 4 invalid ones: an open vehicle without plate (line 18), a VIN with O
        // (19), owner type "company" (20), registered on 2023-02-29 (21).
        for p in paths { #expect((p.fast != nil) == ((try? p.slow.get()) != nil)) }
        #expect(paths.filter { $0.fast == nil }.count == 4)
    }

    @Test func vehiclesTakePlainRowsAndWriteTheirCanonicalForm() throws {
        // Row 1: a person's open car; check digit of LSVAB2BM9RA100001 is 9 (position 9): PASS.
        // Row 2: a unit's deregistered (E) vehicle without plate, check digit 0 written as 1:
        //        FAIL is only a warning; the date forms 2011/5/10 and 20240620 become ISO.
        let paths = try Paths.bothPaths(Self.vehicleHeader + """

        LSVAB2BM9RA100001,粤AD12345,52,K33,A,person,,440106198001010019,张三,13800138001,440106,2016-08-20,2024-08-31 10:00,,,,"备注,逗号"
        LSVAB2BM1RA100002,,01,H11,F,单位,B,91440101MA5C111109,广州市某运输有限公司,020-83118888,440106,2011/5/10,,EG,20240620,440305,
        """, VehicleValidator())
        for p in paths { Paths.expectAgreement(p) }
        #expect(paths.map { $0.fast?.canonical } == [
            ["LSVAB2BM9RA100001", "粤AD12345", "52", "K33", "A", "person", "A", "440106198001010019", "张三", "13800138001",
             "440106", "2016-08-20", "2024-08-31", "A", "", "", "备注,逗号"],
            ["LSVAB2BM1RA100002", "", "01", "H11", "F", "unit", "B", "91440101MA5C111109", "广州市某运输有限公司",
             "020-83118888", "440106", "2011-05-10", "", "EG", "2024-06-20", "440305", ""],
        ])
        let first = try #require(paths[0].fast?.record), second = try #require(paths[1].fast?.record)
        #expect(first.vin.checkDigitValid && !second.vin.checkDigitValid)
        #expect(first.plate?.value == "粤AD12345" && second.plate == nil)
        #expect(second.status.isClosed(.defaults) && second.scrapRegion?.value == "440305")
    }

    /// Rows the string path accepts only after normalising or converting: handed over.
    @Test func vehiclesHandOverWhatNeedsNormalising() throws {
        let paths = try Paths.bothPaths(Self.vehicleHeader + """

        lsvab2bm9ra100001,粤A12345,02,K33,A,person,A,440106198001010019,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A·12345,02,K33,A,person,A,440106198001010019,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A 12345,02,K33,A,person,A,440106198001010019,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A12345,02,k33,A,person,A,440106198001010019,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,A,440106800101001,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,F,E12345678,John,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,A,440106198001010019,张三,,440106,2016-08-20,,正常,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,A,440106198001010019,张三,,440106,２０16-08-20,,A,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,A,440106198001010019,张三,,440106,2016-08-20,,a,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,A,440106198001010019, 张三,,440106,2016-08-20,,A,,,
        """, VehicleValidator())
        for p in paths {
            #expect(p.fast == nil)
            #expect((try? p.slow.get()) != nil)
        }
    }

    @Test func vehiclesHandOverInvalidRows() throws {
        let paths = try Paths.bothPaths(Self.vehicleHeader + """

        LSVAB2BM9RA10000I,粤A12345,02,K33,A,person,A,440106198001010019,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤I12345,02,K33,A,person,A,440106198001010019,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,,02,K33,A,person,A,440106198001010019,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,A,440106198001010018,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,unit,B,91440101MA5C111108,某公司,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,A,440106198001010019,张三,,440106,2016-08-20,2024-02-30,A,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,V,person,A,440106198001010019,张三,,440106,2016-08-20,,A,,,
        LSVAB2BM9RA100001,粤A12345,02,K33,A,person,A,440106198001010019,张三,,44010,2016-08-20,,A,,,
        """, VehicleValidator())
        #expect(paths.allSatisfy { $0.fast == nil })
        #expect(Self.errorCodes(paths) == [.invalidVIN, .invalidPlate, .invalidPlate, .invalidID, .invalidCreditCode,
                                           .invalidDate, .invalidCode, .invalidRegion])
    }

    // MARK: exam enrollments

    @Test func examsAgreeOnEveryRowOfTheSamples() throws {
        let csv = try String(contentsOfFile: RunHarness.samples + "/utf8/exam_enrollments.csv", encoding: .utf8)
        let paths = try Paths.bothPaths(csv, ExamEnrollmentValidator())
        for p in paths { Paths.expectAgreement(p) }
        // 23 rows: 3 invalid (EX020 class C1X, EX021 status "pass", EX022 expiry missing) and 20
        // valid, of which the byte path hands over EX002 (check character "x", upper-cased by the
        // string path) and takes the 19 others.
        #expect(paths.count == 23)
        #expect(paths.filter { (try? $0.slow.get()) != nil }.count == 20)
        #expect(paths.filter { $0.fast != nil }.count == 19)
        #expect(paths[1].fast == nil)
    }

    @Test func examsTakePlainRowsAndWriteTheirCanonicalForm() throws {
        // Classes "C1,C6" and "C2/C6" become C1C6 and C2C6 (codes in SPEC order); 逾期未换证 is
        // overdue_renewal; Chinese subject statuses become their codes; 2020/2/29 → 2020-02-29.
        let paths = try Paths.bothPaths(Self.examHeader + """

        EX005,,440106198802290057,吴五,13800000005,440106,"C6,C2",C2/C6,逾期未换证,2020/2/29,20240630,合格,已预约,未考,不合格,2024-07-05,,x
        EX017,A,610103197601010176,秦十七,,610103,C1,C1,Revoked,,2024-05-01 08:30,,,,,,注销后已重新取得驾驶证,
        """, ExamEnrollmentValidator())
        for p in paths { Paths.expectAgreement(p) }
        #expect(paths.map { $0.fast?.canonical } == [
            ["EX005", "A", "440106198802290057", "吴五", "13800000005", "440106", "C2C6", "C2C6", "overdue_renewal",
             "2020-02-29", "2024-06-30", "passed", "booked", "not_taken", "failed", "2024-07-05", "", "x"],
            ["EX017", "A", "610103197601010176", "秦十七", "", "610103", "C1", "C1", "Revoked", "", "2024-05-01",
             "not_taken", "not_taken", "not_taken", "not_taken", "", "注销后已重新取得驾驶证", ""],
        ])
        let first = try #require(paths[0].fast?.record), second = try #require(paths[1].fast?.record)
        #expect(first.cancelReason == .overdueRenewal(expiry: try #require(CalendarDate(year: 2020, month: 2, day: 29))))
        #expect(second.cancelReason == .other("Revoked") && second.hasExclusion)
    }

    @Test func examsHandOverWhatNeedsNormalisingAndInvalidRows() throws {
        let paths = try Paths.bothPaths(Self.examHeader + """

        EX1,,440106198802290057,吴五,,440106,c1,C1,overdue_renewal,2020-02-29,2024-06-30,,,,,,,
        EX2,,440106198802290057,吴五,,440106,C1、C6,C1,overdue_renewal,2020-02-29,2024-06-30,,,,,,,
        EX3,,440106198802290057,吴五,,440106,C1,C1,注销,,2024-06-30,,,,,,,
        EX4,,440106198802290057,吴五,,440106,C1,C1,overdue_renewal,2020-02-29,2024-06-30,合格 ,,,,,,
        EX5,,440106880229005,吴五,,440106,C1,C1,overdue_renewal,2020-02-29,2024-06-30,,,,,,,
        EX6,,440106198802290057,吴五,,440106,C1,C1,overdue_renewal,,2024-06-30,,,,,,,
        EX7,,440106198802290057,吴五,,440106,C9,C1,overdue_renewal,2020-02-29,2024-06-30,,,,,,,
        EX8,,440106198802290057,吴五,,440106,C1,C1,overdue_renewal,2020-02-30,2024-06-30,,,,,,,
        EX9,,440106198802290057,吴五,,440106,C1,C1,overdue_renewal,2020-02-29,2024-06-30,,,,,2024-13-01,,
        """, ExamEnrollmentValidator())
        #expect(paths.allSatisfy { $0.fast == nil })
        // EX1–EX5 are valid after normalising (lower-case class, 、 separator, a Chinese other
        // reason, a status with a trailing space, a legacy 15-digit number); EX6–EX9 are invalid.
        #expect(Self.errorCodes(paths) == [nil, nil, nil, nil, nil, .missingField, .invalidClass, .invalidDate,
                                           .invalidDate])
    }
}
