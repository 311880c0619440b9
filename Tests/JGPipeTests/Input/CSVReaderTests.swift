import Testing
@testable import JGPipe

@Suite("CSV reader") struct CSVReaderTests {
    let text = "a,b,c\n1,\"x, y\",\"he said \"\"hi\"\"\"\n2,\"two\nlines\",z\r\n\n3,  spaced  ,\r\n4,last,row"
    let expected = [
        ParsedRecord(line: 1, fields: ["a", "b", "c"]),
        ParsedRecord(line: 2, fields: ["1", "x, y", "he said \"hi\""]),
        ParsedRecord(line: 3, fields: ["2", "two\nlines", "z"]),
        // Line 5 is blank and is not a record.
        ParsedRecord(line: 6, fields: ["3", "  spaced  ", ""]),
        ParsedRecord(line: 7, fields: ["4", "last", "row"]),
    ]

    @Test func quotedFieldsBlankLinesAndPhysicalLineNumbers() throws {
        #expect(try parse(Array(text.utf8), chunk: 1 << 16) == expected)
    }

    @Test func everyReadSizeGivesTheSameRecords() throws {
        let bytes = Array(text.utf8)
        for chunk in 1...bytes.count + 1 {
            #expect(try parse(bytes, chunk: chunk) == expected, "read size \(chunk)")
        }
    }

    @Test func crlfInsideAQuotedFieldCountsAsOneLine() throws {
        let records = try parse(Array("h\r\n\"a\r\nb\"\r\nnext\r\n".utf8), chunk: 3)
        #expect(records == [ParsedRecord(line: 1, fields: ["h"]), ParsedRecord(line: 2, fields: ["a\r\nb"]),
                            ParsedRecord(line: 4, fields: ["next"])])
    }

    @Test func aLoneCarriageReturnEndsALine() throws {
        let records = try parse(Array("h\r1\r2".utf8), chunk: 2)
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func anUnterminatedQuoteAtTheEndIsAnError() {
        #expect(throws: CSVReader.Failure.unterminatedQuote(line: 2)) {
            try parse(Array("h,i\n1,\"open\nstill open".utf8), chunk: 4)
        }
    }

    @Test func aRunawayFieldIsStoppedAtTheCap() {
        let bytes = Array(("h\nok\n\"" + String(repeating: "x", count: 5000)).utf8)
        #expect(throws: CSVReader.Failure.fieldTooLong(line: 3, limit: 1024)) {
            try parse(bytes, chunk: 100, maxFieldBytes: 1024)
        }
    }
}

@Suite("Stream decoder") struct StreamDecoderTests {
    @Test func gb18030InEveryReadSize() throws {
        for chunk in 1...gb18030Sample.count {
            #expect(try parse(gb18030Sample, chunk: chunk) == gb18030SampleRecords, "read size \(chunk)")
        }
    }

    @Test func gb18030AfterAnAsciiPrefixLongerThanARead() throws {
        // Plain ASCII rows first: the decision waits for the first non-ASCII byte.
        let prefix = Array(String(repeating: "9,ascii,row\r\n", count: 100).utf8)
        let records = try parse(Array(gb18030Sample[..<16]) + prefix + Array(gb18030Sample[16...]), chunk: 64)
        #expect(records.count == 103)
        #expect(records.last == ParsedRecord(line: 104, fields: ["2", "𠀀€", "引号\"内"]))
    }

    @Test func utf8WithBOMInEveryReadSize() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("编号,姓名\n1,\"张\n三\"\n2,𠀀\n".utf8)
        let expected = [ParsedRecord(line: 1, fields: ["编号", "姓名"]), ParsedRecord(line: 2, fields: ["1", "张\n三"]),
                        ParsedRecord(line: 4, fields: ["2", "𠀀"])]
        for chunk in 1...bytes.count {
            #expect(try parse(bytes, chunk: chunk) == expected, "read size \(chunk)")
        }
    }

    @Test func mixedEncodingsStopWithTheLine() {
        // The first read holds UTF-8 中 (decides UTF-8); GB18030 bytes for 张 (D5 C5) follow on line 3.
        let bytes = Array("中\na\n".utf8) + [0xD5, 0xC5, 0x0A]
        #expect(throws: StreamDecoder.Failure.self) { try parse(bytes, chunk: 4) }
        do {
            _ = try parse(bytes, chunk: 4)
        } catch let failure as StreamDecoder.Failure {
            #expect(failure.line == 3)
            #expect(failure.column == 1)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func invalidGB18030IsAnError() {
        // 0xFF is never a GB18030 lead byte.
        #expect(throws: StreamDecoder.Failure.self) {
            try parse([0x61, 0x0A, 0xD5, 0xC5, 0x0A, 0xFF, 0x30, 0x0A], chunk: 3, encoding: .gb18030)
        }
    }

    @Test func aGB18030CharacterCutAtTheEndIsAnError() {
        #expect(throws: StreamDecoder.Failure.self) { try parse([0x61, 0x0A, 0xD5], chunk: 8, encoding: .gb18030) }
    }
}
