import Foundation
import Glibc
import Testing
@testable import JGPipe

/// SPEC §0 "Normalising text": government exports protect long numbers from Excel with a leading
/// `'` or a `="…"` wrapper. Both row paths remove the guard from schema values — the string path
/// in `Text.normalize`, the byte path (`validateRaw` of units, unit accounts and vehicles) by
/// taking the slice the guard holds, or by handing the row over — and pass-through columns stay
/// as read, in UTF-8, UTF-8 with a BOM and GB18030.
@Suite("Excel text guards")
struct ExcelTextGuardTests {
    // MARK: the string path

    static let normalized: [(String, String)] = [
        ("'440106197503120018", "440106197503120018"),
        ("=\"440106197503120018\"", "440106197503120018"),
        (" ='4401' ", "='4401'"),              // not a wrapper: = followed by ' (kept)
        ("  '440106  ", "440106"),             // trimmed, then the guard, then trimmed again
        ("=\" 440106 \"", "440106"),           // spaces inside the wrapper are trimmed too
        ("'", ""),
        ("=\"\"", ""),
        ("'NULL", ""),                         // the held value is normalised like any other
        ("''1", "'1"),                         // one guard only
        ("=\"=\"\"1\"\"\"", "=\"\"1\"\""),     // one wrapper only; its inside is kept as it is
        ("=\"", "=\""),                        // too short to be a wrapper
        ("=\"440106", "=\"440106"),            // no closing quote
        ("=440106", "=440106"),
        ("4401'06", "4401'06"),                // only a leading '
        ("'１２３", "123"),                    // full-width digits inside a guard
        ("＇123", "123"),                      // a full-width ' is a ' after normalising
    ]

    @Test("Text.normalize removes one guard and normalises what it holds", arguments: normalized)
    func stringPath(_ c: (String, String)) {
        #expect(Text.normalize(c.0) == c.1)
    }

    @Test("codes are upper-cased inside a guard")
    func codes() {
        #expect(Text.normalizeCode("'91440106ma5ua00013") == "91440106MA5UA00013")
        #expect(Text.normalizeCode("=\"31011519780922053x\"") == "31011519780922053X")
    }

    // MARK: both row paths

    static let accountHeader = ByteLevelRowPathTests.header

    /// Guarded values whose inside is canonical: the byte path takes the rows, as the string path
    /// makes them; the pass-through column `remark` keeps its guard.
    @Test("the byte path takes guarded canonical values and agrees with the string path")
    func bytePathTakesGuardedRows() throws {
        let paths = try ByteLevelRowPathTests.bothPaths(Self.accountHeader + #"""

        '1008,="91440106MA5UA00013",,'440106199507190138,郭磊,'备注,'13900000010,'2024-07-15 10:00,active,,
        2004,91440305MA5UA00022,'A,"=""440305198911120465""",谢娜,"=""保留""","=""13900000023""","=""2024-02-29""",'正常,'普通用户,'是
        """#)
        for p in paths { ByteLevelRowPathTests.expectAgreement(p) }
        #expect(paths.map { $0.fast?.canonical } == [
            ["1008", "91440106MA5UA00013", "A", "440106199507190138", "郭磊", "13900000010", "2024-07-15 10:00:00",
             "active", "", "", "'备注"],
            ["2004", "91440305MA5UA00022", "A", "440305198911120465", "谢娜", "13900000023", "2024-02-29",
             "active", "ordinary", "Y", "=\"保留\""],
        ])
    }

    /// A guard around a value that needs more normalising: the byte path hands the row over and
    /// the string path's result stands, without the guard.
    @Test("guarded values that need normalising go to the string path")
    func bytePathHandsOver() throws {
        let paths = try ByteLevelRowPathTests.bothPaths(Self.accountHeader + #"""

        1010,'91440106ma5ua00013,,440106199507190138,郭磊,,,2024-07-15,,,
        1011,91310115MA5UA00037,,"="" 31011519780922053x """,蔡明,,,2019-03-01,,,
        1012,91310115MA5UA00037,,'31011519780922053X,'蔡　明,,,2019-03-01,,,
        1013,91310115MA5UA00037,,''31011519780922053X,蔡明,,,2019-03-01,,,
        """#)
        #expect(paths.map { $0.fast == nil } == [true, true, true, true])
        let canonical = paths.map { try? $0.slow.get().canonical }
        #expect(canonical[0]?[1] == "91440106MA5UA00013")
        #expect(canonical[1]?[3] == "31011519780922053X")
        #expect(canonical[2]?[4] == "蔡 明")
        // Two guards: the second one stays and the number is invalid.
        if case .failure(let error) = paths[3].slow { #expect(error.code == .invalidID) } else {
            Issue.record("''31011519780922053X was accepted")
        }
    }

    @Test("units and vehicles: the byte path takes guarded canonical rows")
    func unitsAndVehicles() throws {
        let units = try ByteLevelRowPathTests.bothPaths(#"""
        unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone,note
        "=""91440106MA5UA00013""",穗天河物流有限公司,A,'440106197503120117,陈建国,'440106,'020-1234567,'原样
        """#, UnitValidator())
        for p in units { ByteLevelRowPathTests.expectAgreement(p) }
        #expect(units.first?.fast?.canonical == ["91440106MA5UA00013", "穗天河物流有限公司", "A", "440106197503120117",
                                                 "陈建国", "440106", "020-1234567", "'原样"])
        let vehicles = try ByteLevelRowPathTests.bothPaths(VehicleExamByteLevelRowPathTests.vehicleHeader + #"""

        ="LSVAB2BM9RA100001",'粤AD12345,'52,K33,A,person,,"=""440106198001010019""",张三,'13800138001,440106,'2016-08-20,'2024-08-31,,,,'备注
        """#, VehicleValidator())
        for p in vehicles { ByteLevelRowPathTests.expectAgreement(p) }
        #expect(vehicles.first?.fast?.canonical == [
            "LSVAB2BM9RA100001", "粤AD12345", "52", "K33", "A", "person", "A", "440106198001010019", "张三", "13800138001",
            "440106", "2016-08-20", "2024-08-31", "A", "", "", "'备注"])
    }

    // MARK: whole runs in every encoding

    /// Three units and three accounts (and the vehicles below), every schema value of the first two rows guarded in one of
    /// the two forms (the byte path's rows), the third's guards around values that need
    /// normalising (the string path's); `note` and `remark` are pass-through and keep their guards.
    static let units = #"""
        unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone,note
        "=""91440106MA5UA00013""",穗天河物流有限公司,'A,'440106197503120117,陈建国,"=""440106""",'020-1234567,'原样
        '91440305MA5UA00022,深南山科技有限公司,,"=""440305197802200234""",林志强,'440305,,"=""保留"""
        '91310115ma5ua00037,'沪浦东贸易有限公司,,"="" 31011519780922053x """,'蔡明,'３１０１１５,,

        """#
    static let accounts = #"""
        account_id,unit_code,holder_id_type,holder_id_no,holder_name,remark,holder_phone,registered_at,status,role,replace_permit
        '1008,"=""91440106MA5UA00013""",,'440106199507190138,郭磊,'备注,'13900000010,'2024-07-15 10:00,active,,
        "=""2004""",91440305MA5UA00022,'A,"=""440305198911120465""",谢娜,,,"=""2024/2/29""",'正常,'普通用户,'是
        '３００５,'91310115ma5ua00037,,'31011519780922053x,蔡明,,,'2019年3月1日,停用,,'n

        """#

    /// A vehicle the byte path takes (every guard around a canonical value) and one it hands over
    /// (lower-case VIN, a plate with `·`, full-width region digits, a Chinese date and status).
    static let vehicles = #"""
        vin,plate_no,plate_type,vehicle_type,use_nature,owner_type,owner_id_type,owner_id_no,owner_name,owner_phone,region_code,registered_on,inspection_valid_until,status,scrap_received_on,scrap_region_code,remark
        ="LSVAB2BM9RA100001",'粤AD12345,'52,K33,A,person,,"=""440106198001010019""",张三,'13800138001,'440106,'2016-08-20,'2024-08-31,'A,,,'备注
        'lsvab2bm0ra100002,'粤A·23456,02,K33,A,person,A,'440305199002150020,李四,,"=""４４０１０６""",'2010年3月1日,,'转出,,,

        """#

    enum Encoding: String, CaseIterable {
        case utf8, utf8BOM, gb18030
    }

    /// The file's bytes: UTF-8, with a BOM, or GB18030 with CRLF by the system's iconv (not the
    /// code under test).
    static func bytes(_ text: String, _ encoding: Encoding) throws -> [UInt8] {
        switch encoding {
        case .utf8: return Array(text.utf8)
        case .utf8BOM: return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .gb18030:
            var input = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            let converter = iconv_open("GB18030", "UTF-8")
            try #require(converter != iconv_t(bitPattern: -1))
            defer { iconv_close(converter) }
            var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
            let written = try input.withUnsafeMutableBytes { inBytes in
                try output.withUnsafeMutableBytes { outBytes in
                    var inPointer = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var inLeft = inBytes.count, outLeft = outBytes.count
                    try #require(iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1)
                    return outBytes.count - outLeft
                }
            }
            return Array(output[..<written])
        }
    }

    @Test("no guarded row is rejected and the cleaned files hold the values without guards",
          arguments: Encoding.allCases)
    func wholeRun(_ encoding: Encoding) throws {
        let folder = RunHarness.temporaryFolder("jgpipe-in")
        for (name, text) in [("units.csv", Self.units), ("unit_accounts.csv", Self.accounts), ("vehicles.csv", Self.vehicles)] {
            #expect(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(try Self.bytes(text, encoding))))
        }
        // The default 5 % rejection guard stays on: one INVALID_ID would refuse the run.
        let (outcome, out) = try RunHarness.run(input: folder)
        #expect(outcome.exitCode == .ok, "\(outcome.message)")
        let counts = Dictionary(uniqueKeysWithValues: outcome.datasets.map { ($0.0, $0.1) })
        #expect(counts["units"]?.rejected == 0)
        #expect(counts["unit_accounts"]?.rejected == 0)
        #expect(counts["vehicles"]?.rejected == 0)

        let units = try RunHarness.records(out + "/units.cleaned.csv")
        #expect(units.map { $0["unit_code"] } == ["91440106MA5UA00013", "91440305MA5UA00022", "91310115MA5UA00037"])
        #expect(units.map { $0["legal_person_id_no"] } == ["440106197503120117", "440305197802200234", "31011519780922053X"])
        #expect(units.map { $0["legal_person_id_type"] } == ["A", "A", "A"])
        #expect(units.map { $0["unit_name"] } == ["穗天河物流有限公司", "深南山科技有限公司", "沪浦东贸易有限公司"])
        #expect(units.map { $0["region_code"] } == ["440106", "440305", "310115"])
        #expect(units.map { $0["contact_phone"] } == ["020-1234567", "", ""])
        #expect(units.map { $0["note"] } == ["'原样", "=\"保留\"", ""])

        let accounts = try RunHarness.records(out + "/unit_accounts.cleaned.csv")
        #expect(accounts.map { $0["account_id"] } == ["1008", "2004", "3005"])
        #expect(accounts.map { $0["unit_code"] } == ["91440106MA5UA00013", "91440305MA5UA00022", "91310115MA5UA00037"])
        #expect(accounts.map { $0["holder_id_no"] } == ["440106199507190138", "440305198911120465", "31011519780922053X"])
        #expect(accounts.map { $0["registered_at"] } == ["2024-07-15 10:00:00", "2024-02-29", "2019-03-01"])
        #expect(accounts.map { $0["status"] } == ["active", "active", "disabled"])
        #expect(accounts.map { $0["remark"] } == ["'备注", "", ""])

        let vehicles = try RunHarness.records(out + "/vehicles.cleaned.csv")
        #expect(vehicles.map { $0["vin"] } == ["LSVAB2BM9RA100001", "LSVAB2BM0RA100002"])
        #expect(vehicles.map { $0["plate_no"] } == ["粤AD12345", "粤A23456"])
        #expect(vehicles.map { $0["plate_type"] } == ["52", "02"])
        #expect(vehicles.map { $0["owner_id_no"] } == ["440106198001010019", "440305199002150020"])
        #expect(vehicles.map { $0["owner_phone"] } == ["13800138001", ""])
        #expect(vehicles.map { $0["region_code"] } == ["440106", "440106"])
        #expect(vehicles.map { $0["registered_on"] } == ["2016-08-20", "2010-03-01"])
        #expect(vehicles.map { $0["inspection_valid_until"] } == ["2024-08-31", ""])
        #expect(vehicles.map { $0["status"] } == ["A", "B"])
        #expect(vehicles.map { $0["remark"] } == ["'备注", ""])
    }
}
