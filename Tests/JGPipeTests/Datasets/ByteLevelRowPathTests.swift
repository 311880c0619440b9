import Foundation
import Testing
@testable import JGPipe

/// `validateRaw`, the byte-level path of units and unit accounts, against `validateRow`, the
/// string path that stays the reference: the byte path may hand any row over (nil), but a row it
/// accepts must come out exactly as the string path makes it.
@Suite struct ByteLevelRowPathTests {
    static let header = "account_id,unit_code,holder_id_type,holder_id_no,holder_name,remark,holder_phone,registered_at,status,role,replace_permit"
    static let unitCodes = ["91440106MA5UA00013", "91440305MA5UA00022", "91310115MA5UA00037"]

    struct Paths<Record> {
        let fast: (record: Record, canonical: [String])?
        let slow: Result<(record: Record, canonical: [String]), FieldError>
    }

    /// Both account paths over every data row of `csv` (header included in the text).
    static func bothPaths(_ csv: String, units: [String] = unitCodes) throws -> [Paths<UnitAccount>] {
        try bothPaths(csv, UnitAccountValidator(units: UnitIndex(codes: units)))
    }

    static func bothPaths<V: DatasetValidator>(_ csv: String, _ validator: V) throws -> [Paths<V.Record>] {
        var batches: [RecordBatch] = []
        let reader = CSVReader()
        var text = Array(csv.utf8)
        try text.withUnsafeMutableBytes { bytes in
            try reader.parse(UnsafeRawBufferPointer(bytes)) { batches.append($0) }
        }
        try reader.finish { batches.append($0) }
        let rows = batches.flatMap { batch in (0..<batch.count).map { (batch, $0) } }
        let map = try HeaderMap(header: rows[0].0.fields(rows[0].1), schema: validator.schema)
        return rows.dropFirst().map { batch, r in
            let store = RowStore(width: validator.schema.columns.count + map.passThrough.count)
            let fast = batch.withRawRows { validator.validateRaw($0[r], map: map, into: store) }
            #expect(store.count == (fast == nil ? 0 : 1), "a handed-over row leaves the store as it was")
            let slow = Result { () throws(FieldError) in
                try validator.validateRow(SchemaRow(row: InputRow(line: batch.records[r].line, fields: batch.fields(r)),
                                                    map: map, schema: validator.schema))
            }
            return Paths(fast: fast.map { ($0, store.fields(0)) }, slow: slow)
        }
    }

    static func expectAgreement<Record: Equatable>(_ paths: Paths<Record>, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let fast = paths.fast else { return }
        guard case .success(let slow) = paths.slow else {
            Issue.record("the byte path accepted a row the string path rejects", sourceLocation: sourceLocation)
            return
        }
        #expect(fast.record == slow.record, sourceLocation: sourceLocation)
        #expect(fast.canonical == slow.canonical, sourceLocation: sourceLocation)
    }

    @Test func agreesOnEveryRowOfTheSamples() throws {
        let csv = try String(contentsOfFile: RunHarness.samples + "/utf8/unit_accounts.csv", encoding: .utf8)
        let units = try RunHarness.readCSV(RunHarness.samples + "/utf8/units.csv").rows.map { $0[0] }
        let paths = try Self.bothPaths(csv, units: units)
        for p in paths { Self.expectAgreement(p) }
        // The sample's valid rows are all in canonical form, so the byte path takes each of them
        // and hands over exactly the 7 invalid ones (lines 14, 27, 47, 53, 59, 65, 75).
        for p in paths { #expect((p.fast != nil) == ((try? p.slow.get()) != nil)) }
        #expect(paths.filter { $0.fast == nil }.count == 7)
    }

    @Test func takesPlainRowsAndWritesTheirCanonicalForm() throws {
        let paths = try Self.bothPaths(Self.header + """

        1008,91440106MA5UA00013,,440106199507190138,郭磊,备注 含空格 ,13900000010,2024-07-15 10:00,Active,admin,
        2004,91440305MA5UA00022,A,440305198911120465,谢娜,,13900000023,2024/2/29,正常,普通用户,是
        3005,91310115MA5UA00037,,31011519780922053X,蔡明,"引号""内,逗号",,2019年3月1日,停用,,N
        """)
        for p in paths { Self.expectAgreement(p) }
        #expect(paths.map { $0.fast?.canonical } == [
            ["1008", "91440106MA5UA00013", "A", "440106199507190138", "郭磊", "13900000010", "2024-07-15 10:00:00",
             "active", "admin", "", "备注 含空格 "],
            ["2004", "91440305MA5UA00022", "A", "440305198911120465", "谢娜", "13900000023", "2024-02-29",
             "active", "ordinary", "Y", ""],
            ["3005", "91310115MA5UA00037", "A", "31011519780922053X", "蔡明", "", "2019-03-01",
             "disabled", "", "N", "引号\"内,逗号"],
        ])
        #expect(paths[1].fast?.record.unit == 1)
        #expect(paths[1].fast?.record.idKey == 2004)
    }

    /// Issue 14: every SPEC §0 date form with a time takes the byte path (the mixed-date data of
    /// `scripts/generate.py --mixed-dates`), written as `YYYY-MM-DD HH:MM:SS`.
    @Test func takesEveryDateFormWithATime() throws {
        let forms = ["2019/08/16 07:47:41", "20190816 07:47:41", "2019-08-16 07:47", "2019年8月16日 07:47:41",
                     "2019/8/16 7:47", "2019-08-16 07:47:41"]
        let rows = forms.enumerated().map { k, form in
            "\(1100 + k),91440106MA5UA00013,,440106199507190138,郭磊,,13900000010,\(form),,,"
        }
        let paths = try Self.bothPaths(([Self.header] + rows).joined(separator: "\n"))
        for p in paths { Self.expectAgreement(p) }
        // Column 6 of the canonical row is registered_at; seconds default to 00.
        #expect(paths.map { $0.fast?.canonical[6] } == ["2019-08-16 07:47:41", "2019-08-16 07:47:41", "2019-08-16 07:47:00",
                                                        "2019-08-16 07:47:41", "2019-08-16 07:47:00", "2019-08-16 07:47:41"])
    }

    /// Rows the string path accepts only after normalising or converting: the byte path hands
    /// each of them over, and the string path's result stands.
    @Test func handsOverWhatNeedsNormalising() throws {
        let paths = try Self.bothPaths(Self.header + """

        １００８,91440106MA5UA00013,,440106199507190138,郭磊,,13900000010,2024-07-15,active,,
        1009,91440106ma5ua00013,,440106199507190138,郭磊,,13900000010,2024-07-15,active,,
        1010,91440106MA5UA00013,,440106750719013,郭磊,,13900000010,2024-07-15,active,,
        1011,91310115MA5UA00037,,31011519780922053x,蔡明,,,2019-03-01,,,
        1012,91310115MA5UA00037,身份证,31011519780922053X,蔡明,,,2019-03-01,,,
        1013,91310115MA5UA00037,F,E12345678,John,,,2019-03-01,,,
        1015,91310115MA5UA00037,,31011519780922053X,蔡明,,,2019-03-01,NULL,,
        1016,91310115MA5UA00037,,31011519780922053X, 蔡明,,,2019-03-01,,,
        1017,91310115MA5UA00037,,31011519780922053X,蔡　明,,,2019-03-01,,,
        1018,91310115MA5UA00037,,31011519780922053X,蔡明,,,２０１９-03-01,,,
        """)
        for p in paths {
            #expect(p.fast == nil)
            #expect((try? p.slow.get()) != nil)
        }
    }

    @Test func handsOverInvalidRows() throws {
        let paths = try Self.bothPaths(Self.header + """

        1,91440106MA5UA00099,,440106199507190138,郭磊,,,2024-07-15,,,
        2,91440106MA5UA00013,,440106199507190139,郭磊,,,2024-07-15,,,
        3,91440106MA5UA00013,,440106199507190138,郭磊,,,2023-02-29,,,
        4,91440106MA5UA00013,,440106199507190138,郭磊,,,2024-07-15,gone,,
        ,91440106MA5UA00013,,440106199507190138,郭磊,,,2024-07-15,,,
        """)
        #expect(paths.map { $0.fast == nil } == [true, true, true, true, true])
        let codes = paths.map { p -> ErrorCode? in
            if case .failure(let error) = p.slow { return error.code }
            return nil
        }
        #expect(codes == [.unknownUnit, .invalidID, .invalidDate, .invalidCode, .missingField])
    }

    @Test func agreesOnEveryUnitOfTheSamples() throws {
        let csv = try String(contentsOfFile: RunHarness.samples + "/utf8/units.csv", encoding: .utf8)
        let paths = try Self.bothPaths(csv, UnitValidator())
        for p in paths { Self.expectAgreement(p) }
        for p in paths { #expect((p.fast != nil) == ((try? p.slow.get()) != nil)) }
    }

    @Test func takesPlainUnitsAndHandsOverTheRest() throws {
        let paths = try Self.bothPaths("""
        unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone,note
        91440106MA5UA00013,穗天河物流有限公司,A,440106197503120117,陈建国,440106,020-1234567,"a,b"
        91440305MA5UA00022,深南山科技有限公司,,440305197802200234,林志强,440305,12345,
        91440106ma5ua00013,穗天河物流有限公司,A,440106197503120117,陈建国,440106,,
        91440106MA5UA00013,穗天河物流有限公司,A,440106750312011,陈建国,440106,,
        91440106MA5UA00013,穗天河物流有限公司,A,440106197503120117,陈建国,４40106,,
        91440106MA5UA00014,穗天河物流有限公司,A,440106197503120117,陈建国,440106,,
        91440106MA5UA00013,,A,440106197503120117,陈建国,440106,,
        91440106MA5UA00013,穗天河物流有限公司,A,440106197503120117,陈建国,44010,,
        """, UnitValidator())
        for p in paths { Self.expectAgreement(p) }
        #expect(paths.map { $0.fast != nil } == [true, true, false, false, false, false, false, false])
        #expect(paths.map { (try? $0.slow.get()) != nil } == [true, true, true, true, true, false, false, false])
        #expect(paths[0].fast?.canonical == ["91440106MA5UA00013", "穗天河物流有限公司", "A", "440106197503120117", "陈建国",
                                            "440106", "020-1234567", "a,b"])
        #expect(paths[0].fast?.record.phoneIsValid == true)
        #expect(paths[1].fast?.record.phoneIsValid == false)
    }
}
