import Foundation
import Testing
@testable import JGPipe

/// `DetachmentRanges`: the byte ranges of each detachment's records in a staged CSV, found on
/// the raw bytes, and read back through `CSVRowSource` as the same rows.
@Suite struct DetachmentRangesTests {
    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = NSTemporaryDirectory() + "jgpipe-ranges-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func rows(_ ranges: DetachmentRanges, _ code: String) throws -> [[String]] {
        let bytes = try #require(ranges.codes.first { $0.code == code }).bytes
        let source = try CSVRowSource(path: ranges.path, bytes: bytes, header: ranges.header, encoding: ranges.encoding)
        var rows: [[String]] = []
        while try source.withNextRow({ rows.append($0.fields) }) {}
        return rows
    }

    @Test func quotedCommasLineBreaksAndQuotesDoNotEndAFieldOrARecord() throws {
        // BOM, CRLF; a message with a comma, an escaped quote and a line break; the code column
        // not first; no line end after the last record.
        let text = "\u{FEFF}notice_id,message,detachment_code\r\n" +
            "N1,\"短信,含逗号\",110100\r\n" +
            "N2,\"他说\"\"好\"\"\r\n第二行\",110100\r\n" +
            "N3,plain,440100\r\n" +
            "N4,\"a,\"\"b\"\"\",440300"
        let path = try Self.file("notices.csv", Array(text.utf8))
        let ranges = try #require(try DetachmentRanges(path: path, encoding: .utf8BOM))
        #expect(ranges.header == ["notice_id", "message", "detachment_code"])
        #expect(ranges.codes.map(\.code) == ["110100", "440100", "440300"])
        let all = Array(text.utf8)
        let firstRow = all.firstIndex(of: UInt8(ascii: "N"))!
        #expect(ranges.codes.first?.bytes.lowerBound == firstRow && ranges.codes.last?.bytes.upperBound == all.count)
        #expect(try Self.rows(ranges, "110100") == [["N1", "短信,含逗号", "110100"], ["N2", "他说\"好\"\r\n第二行", "110100"]])
        #expect(try Self.rows(ranges, "440100") == [["N3", "plain", "440100"]])
        #expect(try Self.rows(ranges, "440300") == [["N4", "a,\"b\"", "440300"]])
    }

    @Test func gb18030BytesAreScannedAsTheyAre() throws {
        // 张 in GB18030 is D5 C5; 𠀀 (a four-byte sequence) is 95 32 82 36: no byte is a delimiter.
        var bytes = Array("name,detachment_code\r\n".utf8)
        bytes += [0xD5, 0xC5] + Array(",310100\r\n".utf8)
        bytes += [0x95, 0x32, 0x82, 0x36] + Array(",320100\r\n".utf8)
        let path = try Self.file("gb.csv", bytes)
        let ranges = try #require(try DetachmentRanges(path: path, encoding: .gb18030))
        #expect(ranges.codes.map(\.code) == ["310100", "320100"])
        #expect(try Self.rows(ranges, "310100") == [["张", "310100"]])
        #expect(try Self.rows(ranges, "320100") == [["𠀀", "320100"]])
    }

    @Test func aFileOutOfDetachmentOrderIsAnError() throws {
        let path = try Self.file("unordered.csv", Array("detachment_code,x\r\n440100,1\r\n110100,2\r\n".utf8))
        #expect(throws: OutputFileError.self) { try DetachmentRanges(path: path, encoding: .utf8) }
        let again = try Self.file("again.csv", Array("detachment_code,x\r\n110100,1\r\n440100,2\r\n110100,3\r\n".utf8))
        #expect(throws: OutputFileError.self) { try DetachmentRanges(path: again, encoding: .utf8) }
    }

    @Test func aFileWithOnlyAHeaderHasNoDetachmentAndAMissingOneIsNil() throws {
        let path = try Self.file("empty.csv", Array("detachment_code,x\r\n".utf8))
        #expect(try #require(try DetachmentRanges(path: path, encoding: .utf8)).codes.isEmpty)
        #expect(try DetachmentRanges(path: path + ".absent", encoding: .utf8) == nil)
    }
}
