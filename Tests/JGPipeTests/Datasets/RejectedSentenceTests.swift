import Testing
@testable import JGPipe

/// SPEC §6: rejected rows' `error` sentences are Chinese and name the column as the file's own
/// header wrote it; `error_code` stays the SPEC §0 code. The gb18030 samples have Chinese headers.
@Suite struct RejectedSentenceTests {
    @Test func sentencesNameTheFilesOwnHeader() throws {
        let output = try RunHarness.publishedSample("gb18030")
        let units = try RunHarness.records(output + "/units.rejected.csv")
        let accounts = try RunHarness.records(output + "/unit_accounts.rejected.csv")
        // samples/expectations/gb18030/REASONING.md: units line 5 has an empty 单位名称.
        let unit = try #require(units.first { $0["line"] == "5" })
        #expect(unit["error_code"] == "MISSING_FIELD" && unit["error"] == "单位名称 为空")
        // Accounts line 9: 440106199402160822 — its 17 digits give check 1, the number has 2.
        let account = try #require(accounts.first { $0["line"] == "9" })
        #expect(account["error_code"] == "INVALID_ID" && account["error"] == "身份证明号码 校验位应为 1，实为 2")
    }

    @Test func aColumnTheFileLacksKeepsItsCanonicalName() throws {
        let map = try HeaderMap(header: ["\u{FEFF} 单位代码 ", "单位名称", "法人证件号码", "行政区划"], schema: UnitValidator.schema)
        #expect(map.columnName(UnitValidator.Column.code.rawValue, in: UnitValidator.schema) == "单位代码")
        #expect(map.columnName(UnitValidator.Column.phone.rawValue, in: UnitValidator.schema) == "contact_phone")
    }
}
