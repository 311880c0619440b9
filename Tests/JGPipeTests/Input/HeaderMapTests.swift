import Testing
@testable import JGPipe

@Suite("Header map") struct HeaderMapTests {
    let schema = DatasetSchema(name: "t", columns: [
        ColumnSpec("unit_code", aliases: ["统一社会信用代码"], required: true),
        ColumnSpec("unit_name", aliases: ["单位名称"], required: true),
        ColumnSpec("contact_phone", aliases: ["联系电话"]),
    ])

    @Test func aliasesCaseSpacesAndBOMAreIgnored() throws {
        let map = try HeaderMap(header: ["\u{FEFF}备注", " 单位名称 ", "UNIT_CODE", "extra"], schema: schema)
        #expect(map.sources == [2, 1, nil])
        #expect(map.passThrough == [0, 3])
        #expect(map.passThroughNames == ["\u{FEFF}备注", "extra"])
    }

    @Test func aMissingRequiredColumnNamesEveryNameTried() {
        #expect(throws: HeaderMap.Failure.missingColumn(column: "unit_name", namesTried: ["unit_name", "单位名称", "名称"])) {
            try HeaderMap(header: ["unit_code"], schema: schema, extraAliases: ["unit_name": ["名称"]])
        }
    }

    @Test func extraAliasesFromThePipelineFile() throws {
        let map = try HeaderMap(header: ["社会信用代码", "单位名称"], schema: schema, extraAliases: ["unit_code": ["社会信用代码"]])
        #expect(map.sources == [0, 1, nil])
    }

    @Test func twoColumnsForOneSchemaColumnAreAnError() {
        #expect(throws: HeaderMap.Failure.duplicateColumn(column: "unit_code", positions: [1, 3])) {
            try HeaderMap(header: ["unit_code", "单位名称", "统一社会信用代码"], schema: schema)
        }
    }
}
