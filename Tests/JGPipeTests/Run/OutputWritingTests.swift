import Foundation
import Testing
@testable import JGPipe

/// The writer's one-pass copy-and-check, the digests it takes while writing (which the manifest
/// uses instead of reading the files again), the store's field view and the notice order.
@Suite struct OutputWritingTests {
    func written(_ encoding: OutputEncoding, writeBehind: Bool = false,
                 _ body: (CSVWriter) throws -> Void) throws -> (bytes: [UInt8], digest: FileDigest?, systemHex: String) {
        let path = RunHarness.temporaryFolder() + "/out.csv"
        let digests = OutputDigests()
        let writer = try CSVWriter(path: path, encoding: encoding, digests: digests, writeBehind: writeBehind)
        try body(writer)
        try writer.close()
        return (Array(try Data(contentsOf: URL(fileURLWithPath: path))), digests.digest(of: path), try systemSHA256(path))
    }

    @Test func fieldsAreQuotedOnlyWhenNeeded() throws {
        let fields = ["plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", "", "张三", "  spaced-out: 1+2=3 "]
        let out = try written(.utf8) { writer in
            try writer.writeRow(fields)
            for (k, field) in fields.enumerated() {
                var field = field
                field.withUTF8 { writer.appendField(bytes: $0, first: k == 0) }
            }
            try writer.endRow()
        }
        let line = "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\",,张三,  spaced-out: 1+2=3 \r\n"
        #expect(String(decoding: out.bytes, as: UTF8.self) == line + line)
        #expect(fields.map { String(decoding: CSVWriter.encodedField($0), as: UTF8.self) }
                == ["plain", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"line\nbreak\"", "\"cr\rhere\"", "", "张三", "  spaced-out: 1+2=3 "])
    }

    @Test(arguments: [OutputEncoding.utf8, .utf8BOM, .gb18030], [false, true])
    func theDigestTakenWhileWritingIsTheFilesDigest(_ encoding: OutputEncoding, writeBehind: Bool) throws {
        // Rows past the 1 MiB flush (many more than the write-behind thread holds), and one row
        // longer than the buffer, which grows it.
        let out = try written(encoding, writeBehind: writeBehind) { writer in
            for i in 0..<40_000 { try writer.writeRow([String(i), "单位名称\(i)", "x,\(i)"]) }
            try writer.writeRow([String(repeating: "长", count: 700_000), "end"])
            try writer.writeRow(["last"])
        }
        let digest = try #require(out.digest)
        #expect(digest.bytes == Int64(out.bytes.count))
        #expect(digest.hex == out.systemHex)
        #expect(out.bytes.suffix(6) == Array("last\r\n".utf8))
    }

    @Test(arguments: [false, true])
    func aFailedWriteIsThrown(writeBehind: Bool) throws {
        let writer = try CSVWriter(path: "/dev/full", encoding: .utf8, writeBehind: writeBehind)
        #expect(throws: OutputFileError.self) {
            for i in 0..<100_000 { try writer.writeRow([String(i), "a row of some length"]) }
            try writer.close()
        }
    }

    @Test func theManifestHashesAFileWhoseSizeNoLongerMatches() throws {
        let folder = RunHarness.temporaryFolder()
        let digests = OutputDigests()
        let writer = try CSVWriter(path: folder + "/a.csv", encoding: .utf8, digests: digests)
        try writer.writeRow(["a"])
        try writer.close()
        try Data("changed afterwards\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.csv"))
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: folder + "/summary.json"))
        let request = RunRequest(settings: try PipelineSettings(), inputDirectory: folder, outputDirectory: folder,
                                 asOf: CalendarDate(year: 2024, month: 6, day: 1)!)
        try Manifest.write(into: folder, request: request, inputs: [], outputs: digests, runID: nil, startedAt: "s",
                           finishedAt: "f")
        let manifest = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        for entry in outputs {
            #expect(entry["sha256"] as? String == (try systemSHA256(folder + "/" + (entry["file"] as! String))))
        }
        #expect(outputs.count == 2)
    }

    @Test func theFieldViewReadsWhatTheStoreHolds() {
        let store = RowStore(width: 3)
        let rows = [["k1", "张三", ""], ["", "x,y", "z"], ["a", "", "b"]]
        for row in rows { store.append(row) }
        store.withFields { fields in
            for (r, row) in rows.enumerated() {
                for (c, value) in row.enumerated() {
                    #expect(String(decoding: fields.field(r, c), as: UTF8.self) == value)
                }
            }
        }
    }

    @Test func noticesOrderAsTheirJoinedFieldsDoAsBytes() {
        func notice(_ detachment: String, _ type: String, _ recipient: String, _ record: String, day: Int) -> Notice {
            Notice(type: NoticeType(rawValue: type)!, detachmentCode: detachment, recipientType: .unit, recipientID: recipient,
                   recipientName: "", phone: "", recordID: record, dueOn: CalendarDate(year: 2024, month: 7, day: day)!,
                   fact: "\(day)", message: "")
        }
        let notices = [
            notice("440100", "UNIT_NO_LEGAL_PERSON", "B", "B", day: 1),
            notice("440100", "UNIT_ACCOUNTS_CLEANUP", "BB", "BB", day: 1),
            notice("440100", "UNIT_ACCOUNTS_CLEANUP", "B", "B", day: 2),
            notice("440100", "UNIT_ACCOUNTS_CLEANUP", "B", "B", day: 1),
            notice("4401", "UNIT_ACCOUNTS_CLEANUP", "Z", "Z", day: 1),
            notice("440100", "UNIT_ACCOUNTS_CLEANUP", "单位", "A", day: 1),
            notice("440100", "UNIT_ACCOUNTS_CLEANUP", "B", "B", day: 1),
        ]
        let joined = notices.map { n in
            Array([n.detachmentCode, n.type.rawValue, n.recipientID, n.recordID, n.dueOn.iso].joined(separator: "\u{1}").utf8)
        }
        let expected = notices.indices.sorted { a, b in
            joined[a] != joined[b] ? joined[a].lexicographicallyPrecedes(joined[b]) : a < b
        }
        #expect(Notice.outputOrder(notices) == expected)
        #expect(expected.first == 4 && expected.last == 0)
    }

    @Test func everyDecisionCombinationComesBackFromItsNumber() {
        for combination in 0..<AccountDecision.combinations {
            #expect(AccountDecision(combination: combination).combination == combination)
        }
    }
}
