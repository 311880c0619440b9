import Foundation
import Testing
@testable import JGPipe

/// `validateRaw` of driver licences and violations against `validateRow`, as
/// `VehicleExamByteLevelRowPathTests` does for vehicles and exams: a row the byte path takes must
/// come out exactly as the string path makes it (record and canonical fields); anything else is
/// handed over. Also the streamed path's key hashes of licences and registered users.
@Suite struct LicenceViolationByteLevelRowPathTests {
    typealias Paths = ByteLevelRowPathTests

    /// The columns before the revision of 2026-12-07 (the four optional ones after them are absent).
    static let licenceHeader = DriverLicenceValidator.schema.columnNames.prefix(12).joined(separator: ",") + ",remark"
    static let revisedLicenceHeader = DriverLicenceValidator.schema.columnNames.joined(separator: ",") + ",remark"
    static let violationHeader = ViolationValidator.schema.columnNames.joined(separator: ",") + ",remark"

    /// Two vehicles: 粤A12345/02 (a person's) and 粤B34567/02 (closed).
    static let vehicles = VehicleDirectory(vehicles: [
        (VehicleDirectory.Entry(vin: "LSVAB2BM9RA100001", owner: .person(ViolationPeople.owner), ownerName: "张一",
                                ownerPhone: "13800138001", plate: "粤A12345", plateType: "02", detachment: "440100",
                                isOpen: true), 1),
        (VehicleDirectory.Entry(vin: "LSVAB2BM1RA100002", owner: .person(ViolationPeople.user), ownerName: "王五",
                                ownerPhone: "", plate: "粤B34567", plateType: "02", detachment: "440300",
                                isOpen: false), 2),
    ])

    // MARK: licences

    @Test func licencesAgreeOnEveryRowOfTheSamples() throws {
        let csv = try String(contentsOfFile: RunHarness.samples + "/utf8/driver_licences.csv", encoding: .utf8)
        let paths = try Paths.bothPaths(csv, DriverLicenceValidator())
        for p in paths { Paths.expectAgreement(p) }
        // The byte path takes most valid rows; each row it hands over is one the string path
        // rejects or one that needs normalising (a 15-digit number, a Chinese status or reason).
        #expect(paths.filter { $0.fast != nil }.count >= paths.filter { (try? $0.slow.get()) != nil }.count * 2 / 3)
    }

    @Test func licencesTakePlainRowsAndWriteTheirCanonicalForm() throws {
        // Row 1: type A, classes "C1,C6" → C1C6, dates in the slash and compact forms, reason
        // 逾期未换证 → overdue_renewal, status G (cancelled for the overdue renewal).
        // Row 2: empty type → A, empty status → A, an ASCII reason kept as given, a date-time
        //        last_medical_on → its date.
        let paths = try Paths.bothPaths(Self.licenceHeader + """

        A,440106198001010019,张三,13800138001,440106,"C1,C6",2010/9/10,20201030,G,逾期未换证,,,x
        ,440106199003150079,赵四,,440106,A2,2011-02-02,2030-08-01,,Voluntary,2024-05-01 08:30,2024-05-02,
        """, DriverLicenceValidator())
        for p in paths { Paths.expectAgreement(p) }
        #expect(paths.map { $0.fast?.canonical } == [
            ["A", "440106198001010019", "张三", "13800138001", "440106", "C1C6", "2010-09-10", "2020-10-30", "G",
             "overdue_renewal", "", "", "", "", "N", "", "x"],
            ["A", "440106199003150079", "赵四", "", "440106", "A2", "2011-02-02", "2030-08-01", "A", "Voluntary",
             "2024-05-01", "2024-05-02", "", "", "N", "", ""],
        ])
        let first = try #require(paths[0].fast?.record), second = try #require(paths[1].fast?.record)
        #expect(first.cancelledForOverdueRenewal && first.status.isCancelled)
        #expect(!second.cancelledForOverdueRenewal && second.lastReviewedOn?.iso == "2024-05-02")
    }

    @Test func licencesReadTheRevisedColumns() throws {
        // Row 1: points with a leading zero → 3, a compact cycle end, y → Y, a passport's birth date.
        // Row 2: 0 points, N. Row 3: 是 (handed over, Y). Rows 4–6: 100 points, x, a bad birth date.
        let paths = try Paths.bothPaths(Self.revisedLicenceHeader + """

        P,E12345678,John,,440106,A2,2010-09-10,2030-10-30,,,,,03,20240910,y,1960-01-31,
        A,440106198001010019,张三,,440106,B2,2010-09-10,2030-10-30,,,,,0,2024-09-10,N,,
        A,440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,,,,,,,是,,
        A,440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,,,,,100,,,,
        A,440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,,,,,,,x,,
        A,440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,,,,,,,,1960-02-30,
        """, DriverLicenceValidator())
        for p in paths { Paths.expectAgreement(p) }
        let passport = try #require(try? paths[0].slow.get().record)
        #expect(passport.points == 3 && passport.pointsCycleEnd?.iso == "2024-09-10" && passport.reviewFlag)
        #expect(passport.birthDate?.iso == "1960-01-31")
        #expect(try paths[0].slow.get().canonical.suffix(5) == ["3", "2024-09-10", "Y", "1960-01-31", ""])
        let second = try #require(paths[1].fast?.record)
        #expect(second.points == 0 && !second.reviewFlag && second.birthDate?.iso == "1980-01-01")
        #expect(paths[2].fast == nil && (try? paths[2].slow.get().record.reviewFlag) == true)
        #expect(VehicleExamByteLevelRowPathTests.errorCodes(Array(paths[3...])) == [.invalidNumber, .invalidCode, .invalidDate])
    }

    @Test func licencesHandOverWhatNeedsNormalisingAndInvalidRows() throws {
        let paths = try Paths.bothPaths(Self.licenceHeader + """

        ,440106800101001,张三,,440106,C1,2010-09-10,2030-10-30,,,,,
        F,E12345678,John,,440106,C1,2010-09-10,2030-10-30,,,,,
        ,440106198001010019,张三,,440106,c1,2010-09-10,2030-10-30,,,,,
        ,440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,注销,逾期未换证,,,
        ,440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,g,,,,
        ,440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,G,逾期换证,,,
        ,440106198001010019,张三,,440106,C9,2010-09-10,2030-10-30,,,,,
        ,440106198001010019,张三,,440106,C1,2010-02-30,2030-10-30,,,,,
        ,440106198001010019,张三,,4401,C1,2010-09-10,2030-10-30,,,,,
        ,440106198001010018,张三,,440106,C1,2010-09-10,2030-10-30,,,,,
        ,440106198001010019,张三,,440106,C1,2010-09-10,,,,,,
        ,440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,G1,,,,
        """, DriverLicenceValidator())
        #expect(paths.allSatisfy { $0.fast == nil })
        // Rows 1–6 are valid after converting or normalising (a 15-digit number, a passport, a
        // lower-case class, 注销, a lower-case status letter, a Chinese reason that is not 逾期未换证);
        // rows 7–12 are invalid.
        #expect(VehicleExamByteLevelRowPathTests.errorCodes(paths) == [nil, nil, nil, nil, nil, nil, .invalidClass,
                                                                       .invalidDate, .invalidRegion, .invalidID,
                                                                       .missingField, .invalidCode])
    }

    /// The first pass must give rows with one canonical key one hash: a 15-digit number and its
    /// 18-digit form, an empty type and `A`, a lower-case check character.
    @Test func licenceKeyHashIsEqualForEqualCanonicalKeys() throws {
        let validator = DriverLicenceValidator()
        let csv = Self.licenceHeader + """

        ,440106800101001,张三,,440106,C1,2010-09-10,2030-10-30,,,,,
        A,440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,,,,,
        居民身份证,'440106198001010019,张三,,440106,C1,2010-09-10,2030-10-30,,,,,
        ,44010619900101003x,李四,,440106,C1,2010-09-10,2030-10-30,,,,,
        A,44010619900101003X,李四,,440106,C1,2010-09-10,2030-10-30,,,,,
        ,440106198001010027,王五,,440106,C1,2010-09-10,2030-10-30,,,,,
        """
        let paths = try Paths.bothPaths(csv, validator)
        let keys = try paths.map { p in try p.slow.get().canonical[0...1].joined(separator: ":") }
        #expect(keys[0] == keys[1] && keys[1] == keys[2] && keys[3] == keys[4] && keys[5] != keys[0])
        let hashes = try Self.keyHashes(csv, validator)
        #expect(hashes[0] == hashes[1] && hashes[1] == hashes[2] && hashes[3] == hashes[4])
        #expect(Set([hashes[0], hashes[3], hashes[5]]).count == 3)
    }

    /// End to end: a holder written as a 15-digit number and later as its 18-digit form, in
    /// different slices, is one key with differing rows: both DUPLICATE_KEY, as `load` says.
    @Test func streamedLicencesFindKeysWrittenInTwoForms() throws {
        var rows = (0..<9_000).map { k -> String in
            let number = Self.residentNumber("4403051980010\(k / 1000 + 1)" + String(format: "%03d", k % 1000))
            return ",\(number),某\(k),,440106,C1,2010-09-10,2030-10-30,,,,,"
        }
        rows.append(",440106800101001,张三,,440106,C1,2010-09-10,2030-10-30,,,,,")
        rows.insert("A,440106198001010019,张三,,440106,C2,2010-09-10,2030-10-30,,,,,", at: 10)
        let folder = RunHarness.inputFolder(["driver_licences.csv": ([Self.licenceHeader] + rows).joined(separator: "\n") + "\n"])
        let path = folder + "/driver_licences.csv"
        let loaded = try DatasetLoader.load(path: path, validator: DriverLicenceValidator(), extraAliases: [:],
                                            options: ReadOptions())
        var streamedRejected: [(Int, ErrorCode)] = []
        var streamedLines: [Int] = []
        let streamed = try DatasetLoader.stream(path: path, validator: DriverLicenceValidator(), extraAliases: [:],
                                                options: ReadOptions()) { part in
            streamedLines += part.lines
            streamedRejected += part.rejected.map { ($0.line, $0.code) }
        }
        #expect(loaded.rejected.map(\.line) == [12, 9_003])
        #expect(loaded.rejected.allSatisfy { $0.code == .duplicateKey })
        #expect(streamedRejected.map(\.0) == loaded.rejected.map(\.line))
        #expect(streamedRejected.allSatisfy { $0.1 == .duplicateKey })
        #expect(streamedLines == loaded.lines && streamed.counts == loaded.counts)
    }

    @Test func userKeyHashDropsPlateSeparators() throws {
        let csv = VehicleUserValidator.schema.columnNames.joined(separator: ",") + """

        粤A12345,02,,440106198001010019,张三,2024-01-01,
        粤A·12345,02,,440106198001010019,张三,2024-01-01,
        粤a 12345,02,,440106198001010019,张三,2024-01-01,
        粤A12346,02,,440106198001010019,张三,2024-01-01,
        """
        let hashes = try Self.keyHashes(csv, VehicleUserValidator(vehicles: Self.vehicles))
        #expect(hashes[0] == hashes[1] && hashes[1] == hashes[2] && hashes[3] != hashes[0])
    }

    /// 17 digits and their GB 11643 check character.
    static func residentNumber(_ digits: String) -> String {
        let b = Array(digits.utf8)
        return digits + String(UnicodeScalar(ResidentID.checkCharacter { b[$0] }))
    }

    static func keyHashes<V: DatasetValidator>(_ csv: String, _ validator: V) throws -> [UInt64] {
        var batches: [RecordBatch] = []
        let reader = CSVReader()
        var text = Array(csv.utf8)
        try text.withUnsafeMutableBytes { bytes in try reader.parse(UnsafeRawBufferPointer(bytes)) { batches.append($0) } }
        try reader.finish { batches.append($0) }
        let rows = batches.flatMap { batch in (0..<batch.count).map { (batch, $0) } }
        let map = try HeaderMap(header: rows[0].0.fields(rows[0].1), schema: validator.schema)
        return rows.dropFirst().map { batch, r in batch.withRawRows { validator.suspectKeyHash($0[r], map: map) } }
    }

    // MARK: violations

    @Test func violationsTakePlainRowsAndWriteTheirCanonicalForm() throws {
        // Row 1: unprocessed, points 03 → 3, fine 150.5 → 150.50, non_site empty → Y, the
        //        processing columns written as given (upper-cased codes), paid empty → N.
        // Row 2: processed by a resident handler, date-times in two forms, fine empty → 0.00.
        let paths = try Paths.bothPaths(Self.violationHeader + """

        S01,粤A12345,02,2024-07-05 08:30,440106,1625,03,150.5,,unprocessed,2024-07-06,A,X1,某,,r
        S02,粤B34567,02,2024/7/2 9:00,440305,13450,12,,n,PROCESSED,20240720 10:00:05,A,440106198001010019,张三,y,
        """, ViolationValidator(vehicles: Self.vehicles))
        for p in paths { Paths.expectAgreement(p) }
        #expect(paths.map { $0.fast?.canonical } == [
            ["S01", "粤A12345", "02", "2024-07-05 08:30:00", "440106", "1625", "3", "150.50", "Y", "unprocessed", "",
             "A", "X1", "某", "N", "r"],
            ["S02", "粤B34567", "02", "2024-07-02 09:00:00", "440305", "13450", "12", "0.00", "N", "processed",
             "2024-07-20 10:00:05", "A", "440106198001010019", "张三", "Y", ""],
        ])
        #expect(paths[0].fast?.record.vehicle == 0 && paths[1].fast?.record.vehicle == 1)
        #expect(paths[1].fast?.record.handler == (try IdentityNumber(type: "A", number: "440106198001010019")))
    }

    @Test func violationsHandOverWhatNeedsNormalisingAndInvalidRows() throws {
        let paths = try Paths.bothPaths(Self.violationHeader + """

        S1,粤A·12345,02,2024-07-05 08:30,440106,1625,3,200,Y,,,,,,,
        S2,粤A12345,02,2024-07-05 08:30,440106,1625,3,200,非现场,,,,,,,
        S3,粤A12345,02,2024-07-05 08:30,440106,1625,3,200,Y,已处理,2024-07-06,,440106800101001,张三,,
        S4,粤A12345,02,2024-07-05 08:30,440106,1625,3,200,Y,,,,,,已缴款,
        S5,粤A12345,01,2024-07-05 08:30,440106,1625,3,200,Y,,,,,,,
        S6,粤A12345,02,2024-07-05 08:30,440106,1625,13,200,Y,,,,,,,
        S7,粤A12345,02,2024-07-05 08:30,440106,1625,3,-1,Y,,,,,,,
        S8,粤A12345,02,2024-07-05 08:30,440106,162,3,200,Y,,,,,,,
        S9,粤A12345,02,2024-07-05 08:30,440106,1625,3,200,Y,processed,,,440106198001010019,张三,,
        S10,粤A12345,02,2024-07-05 08:30,440106,1625,3,200.,Y,,,,,,,
        S11,粤A12345,02,2024-07-05 08:30,440106,1625,3,200,maybe,,,,,,,
        S12,粤A12345,02,2024-07-05 08:30,440106,1625,3,200,Y,,,a,x1,,,
        """, ViolationValidator(vehicles: Self.vehicles))
        #expect(paths.allSatisfy { $0.fast == nil })
        #expect(VehicleExamByteLevelRowPathTests.errorCodes(paths) == [nil, nil, nil, nil, .unknownVehicle, .invalidNumber,
                                                                       .invalidNumber, .invalidCode, .missingField,
                                                                       .invalidNumber, .invalidCode, nil])
    }
}
