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

    /// A quoted field of exactly the cap is not over it, also when a read ends between its
    /// closing quote and the comma (the libcsv reader counted that quote while the field was open).
    @Test func aFieldOfExactlyTheCapPassesWhateverTheReadSize() throws {
        let bytes = Array("h,i\n\"abcd\",x\n".utf8)
        for chunk in 1...bytes.count {
            #expect(try parse(bytes, chunk: chunk, maxFieldBytes: 4)
                        == [ParsedRecord(line: 1, fields: ["h", "i"]), ParsedRecord(line: 2, fields: ["abcd", "x"])],
                    "read size \(chunk)")
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
        // 4 KiB of UTF-8 from 中 on decide UTF-8, whatever the read size; GB18030 bytes for 张
        // (D5 C5) follow on line 302.
        let bytes = Array(("中\n" + String(repeating: "abcdefghijklmn\n", count: 300)).utf8) + [0xD5, 0xC5, 0x0A]
        for chunk in [4, 4096, 1 << 20] {
            #expect(throws: StreamDecoder.Failure(line: 302, column: 1,
                                                  message: "bytes that are not valid UTF-8 (0xD5C50A) in a file read as UTF-8; mixed encodings in one file cannot be decoded"),
                    "read size \(chunk)") { try parse(bytes, chunk: chunk) }
        }
    }

    @Test func aSmallMixedFileIsDecidedOverItsWholeLength() {
        // Under 4 KiB, the whole file decides: not valid UTF-8, so GB18030, where UTF-8 中
        // (E4 B8 AD) is 涓 (E4 B8) then AD, which 0A cannot follow: line 1, byte 3.
        let bytes = Array("中\na\n".utf8) + [0xD5, 0xC5, 0x0A]
        for chunk in 1...bytes.count {
            #expect(throws: StreamDecoder.Failure(line: 1, column: 3, message: "bytes that are not valid GB18030 (0xAD0A610A)"),
                    "read size \(chunk)") { try parse(bytes, chunk: chunk) }
        }
    }

    @Test func aGB18030FileWhoseFirstCharacterLooksLikeUTF8IsStillGB18030() throws {
        // 摇 is D2 A1 in GB18030, also a valid two-byte UTF-8 sequence (U+04A1): when the
        // decision looked only at what the reads so far held, a read ending right after it
        // decided UTF-8 and failed on the next Chinese character.
        let bytes: [UInt8] = Array("h\n".utf8) + [0xD2, 0xA1] + Array(",x\n".utf8) + [0xD5, 0xC5, 0xC8, 0xFD, 0x0A]
        for chunk in 1...bytes.count {
            #expect(try parse(bytes, chunk: chunk) == [ParsedRecord(line: 1, fields: ["h"]),
                                                       ParsedRecord(line: 2, fields: ["摇", "x"]),
                                                       ParsedRecord(line: 3, fields: ["张三"])], "read size \(chunk)")
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
