import Foundation
import Testing
@testable import JGPipe

/// The reader feeds libcsv 64 KiB slices: a record that straddles a slice boundary must keep
/// the fields parsed before the boundary (found by the kill test's large dump, which crashed).
@Suite struct CSVReaderSliceTests {
    @Test func recordsAcrossSliceBoundariesKeepAllFields() throws {
        var text = "a,b,c\n"
        var expected: [[String]] = []
        // ~30 bytes a row, rows of varying length: boundaries fall inside every field position.
        for i in 0..<20_000 {
            let row = ["\(i)", String(repeating: "x", count: i % 17), "\"q,\(i)\""]
            expected.append(["\(i)", String(repeating: "x", count: i % 17), "q,\(i)"])
            text += row.joined(separator: ",") + "\n"
        }
        #expect(text.utf8.count > 4 * 64 * 1024)
        let folder = RunHarness.inputFolder(["big.csv": text])
        var rows: [InputRow] = []
        try DatasetFile.read(path: folder + "/big.csv", schema: DatasetSchema(name: "any", columns: [])) { rows.append($0) }
        #expect(rows.count == expected.count)
        for (i, row) in rows.enumerated() where row.fields != expected[i] || row.line != i + 2 {
            Issue.record("row \(i): line \(row.line), fields \(row.fields)")
            break
        }
    }
}

/// The same records whatever the read size and wherever the reader's 64 KiB parse slices fall,
/// in UTF-8, UTF-8 with a BOM and GB18030 (4-byte characters included), with quoted LF and
/// CRLF newlines, doubled quotes and commas inside fields.
@Suite struct ChunkBoundaryTests {
    /// A CSV of `rows` records with expected records worked out while writing it: a record
    /// starts on the line after the previous record's newlines.
    static func document(rows: Int, crlf: Bool) -> (text: String, records: [ParsedRecord]) {
        let end = crlf ? "\r\n" : "\n"
        var text = "id,name,note,tail" + end
        var records = [ParsedRecord(line: 1, fields: ["id", "name", "note", "tail"])]
        var line = 2
        for i in 0..<rows {
            let name = String(repeating: "张", count: i % 5) + (i % 3 == 0 ? "𠀀" : "") + String(repeating: "x", count: i % 11)
            let note = switch i % 4 {
            case 0: "多行\r\n备注，含逗号"
            case 1: "a\nb,c"
            case 2: "he said \"hi\""
            default: "plain"
            }
            let fields = ["\(i)", name, note, String(repeating: "😀", count: i % 2) + "€"]
            records.append(ParsedRecord(line: line, fields: fields))
            text += fields.map(quoted).joined(separator: ",") + end
            line += 1 + (i % 4 == 0 || i % 4 == 1 ? 1 : 0)
        }
        return (text, records)
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { ",\"\r\n".contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// GB18030 bytes by the system's iconv command, not by the code under test.
    static func gb18030(_ text: String) throws -> [UInt8] {
        let path = RunHarness.temporaryFolder("jgpipe-gb") + "/text.txt"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030", path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(data)
    }

    static func encodings(_ text: String) throws -> [(String, [UInt8], InputEncoding)] {
        let utf8 = Array(text.utf8)
        let gb = try gb18030(text)
        #expect(gb.count != utf8.count && gb.starts(with: Array("id,name".utf8)))
        return [("UTF-8", utf8, .auto), ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + utf8, .auto),
                ("GB18030", gb, .auto), ("GB18030 named", gb, .gb18030)]
    }

    @Test(.timeLimit(.minutes(5))) func everyReadSizeUpToAFewKilobytes() throws {
        for crlf in [false, true] {
            let (text, expected) = Self.document(rows: 80, crlf: crlf)
            for (name, bytes, encoding) in try Self.encodings(text) {
                #expect(bytes.count > 2000)
                for chunk in 1...bytes.count + 1 {
                    let records = try parse(bytes, chunk: chunk, encoding: encoding)
                    if records != expected {
                        Issue.record("\(name), crlf \(crlf), read size \(chunk): \(records.count) records")
                        break
                    }
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(5))) func recordsStraddlingTheParseSlices() throws {
        let (text, expected) = Self.document(rows: 8_000, crlf: true)
        for (name, bytes, encoding) in try Self.encodings(text) {
            #expect(bytes.count > 4 * 64 * 1024)
            for chunk in [1, 3, 4093, 65535, 65536, 65537, 1 << 20] {
                let records = try parse(bytes, chunk: chunk, encoding: encoding)
                #expect(records.count == expected.count, "\(name), read size \(chunk)")
                if let i = records.indices.first(where: { $0 < expected.count && records[$0] != expected[$0] }) {
                    Issue.record("\(name), read size \(chunk), record \(i): \(records[i]) vs \(expected[i])")
                }
            }
        }
    }

    /// A quoted field holding CRLF and a 4-byte character, placed so that the 64 KiB slice
    /// boundary falls on each of its bytes in turn.
    @Test func aQuotedFieldCutByTheSliceBoundaryAtEveryByte() throws {
        let field = "甲\r\n𠀀,\"乙\""
        let quotedField = Self.quoted(field)
        for shift in 0...quotedField.utf8.count + 1 {
            let head = "a,b\n"
            let fillerLength = 64 * 1024 - head.utf8.count - "1,".utf8.count - 1 - shift
            let text = head + "1," + String(repeating: "x", count: fillerLength) + "\n2," + quotedField + "\n3,end\n"
            let expected = [ParsedRecord(line: 1, fields: ["a", "b"]),
                            ParsedRecord(line: 2, fields: ["1", String(repeating: "x", count: fillerLength)]),
                            ParsedRecord(line: 3, fields: ["2", field]), ParsedRecord(line: 5, fields: ["3", "end"])]
            #expect(try parse(Array(text.utf8), chunk: 1 << 20) == expected, "boundary \(shift) bytes before the field's end")
        }
    }

    @Test(.timeLimit(.minutes(5))) func datasetFileReadWithEveryChunkSize() throws {
        let (text, expected) = Self.document(rows: 8_000, crlf: true)
        let folder = RunHarness.temporaryFolder("jgpipe-chunks")
        for (name, bytes, encoding) in try Self.encodings(text) {
            let path = folder + "/input.csv"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            for chunk in [1, 2, 7, 4096, 65535, 65536, 65537, 1 << 20] {
                var options = ReadOptions()
                options.encoding = encoding
                options.chunkBytes = chunk
                var rows: [ParsedRecord] = []
                let header = try DatasetFile.read(path: path, schema: DatasetSchema(name: "any", columns: []), options: options) {
                    rows.append(ParsedRecord(line: $0.line, fields: $0.fields))
                }
                #expect(header.header == expected[0].fields, "\(name), chunkBytes \(chunk)")
                #expect(rows == Array(expected.dropFirst()), "\(name), chunkBytes \(chunk)")
            }
        }
    }
}
