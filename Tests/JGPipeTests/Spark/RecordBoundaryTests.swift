import Foundation
import Testing
@testable import JGPipe

/// The Spark engine cuts a dataset into byte ranges (`ChunkScan`, `ChunkPlan`, `ChunkTask`);
/// read range by range, a file must give the records, line numbers and first error of a
/// whole-file read, wherever the cuts fall: in a quoted field, between CR and LF, inside a
/// doubled quote or a Chinese character.
@Suite("Spark record boundaries")
struct RecordBoundaryTests {
    typealias Outcome = (records: [String], error: String?)

    static func wholeRead(_ path: String, options: ReadOptions = ReadOptions()) -> Outcome {
        var records: [String] = []
        do {
            try DatasetFile.read(path: path, schema: DatasetSchema(name: "any", columns: []), options: options) { row in
                records.append("\(row.line):" + row.fields.joined(separator: "|"))
            }
            return (records, nil)
        } catch {
            return (records, "\(error)")
        }
    }

    /// Scans, plans and reads each range as the tasks do; records in chunk order up to the
    /// first chunk that fails.
    static func chunkedRead(_ path: String, cuts: [Int], size: Int, delimiter: UInt8 = UInt8(ascii: ",")) throws -> Outcome {
        let bounds = [0] + cuts + [size]
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let scans = try (0..<(bounds.count - 1)).map {
            try ChunkScan.scan(fd: fd, range: bounds[$0]..<bounds[$0 + 1], delimiter: delimiter)
        }
        let encoding = try ChunkPlan.encoding(fd: fd, firstNonASCII: scans.compactMap(\.firstNonASCII).min(), configured: .auto)
        var records: [String] = []
        for task in try ChunkPlan.tasks(dataset: "any", scans: scans, encoding: encoding) {
            var options = ReadOptions()
            options.delimiter = delimiter
            options.encoding = task.encoding
            options.segments = try task.segments(fd: fd, fileSize: size, delimiter: delimiter)
            let part = wholeRead(path, options: options)
            records += part.records
            if let error = part.error { return (records, error) }
        }
        return (records, nil)
    }

    static func write(_ bytes: [UInt8]) -> String {
        let path = RunHarness.temporaryFolder("jgpipe-split") + "/any.csv"
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Random texts of the bytes that matter (quotes, delimiters, CR, LF) and a Chinese
    /// character, cut at random places into up to six ranges, some empty.
    @Test func randomTextsReadAlikeInRanges() throws {
        var random = SplitMix(seed: 17)
        let pieces: [[UInt8]] = [[0x22], [0x2C], [0x0D], [0x0A], [0x0D, 0x0A], Array("ab".utf8), Array("中".utf8), [0x22, 0x22]]
        for _ in 0..<400 {
            var bytes = Array("a,b\r\n".utf8)
            if random.next() % 4 == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            for _ in 0..<Int(random.next() % 60) { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
            let path = Self.write(bytes)
            let cuts = (0..<Int(random.next() % 6)).map { _ in Int(random.next() % UInt64(bytes.count + 1)) }.sorted()
            let whole = Self.wholeRead(path)
            let chunked = try Self.chunkedRead(path, cuts: cuts, size: bytes.count)
            #expect(chunked.records == whole.records, "cuts \(cuts) of \(bytes)")
            #expect(chunked.error == whole.error, "cuts \(cuts) of \(bytes)")
        }
    }

    /// Every cut of the GB18030 sample of vehicles (quoted fields, Chinese text) reads alike.
    @Test func gb18030SampleReadsAlikeAtEveryThirdByte() throws {
        let path = RunHarness.samples + "/gb18030/vehicles.csv"
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let whole = Self.wholeRead(path)
        #expect(whole.error == nil && whole.records.count > 20)
        for cut in stride(from: 1, to: size, by: 3) {
            let chunked = try Self.chunkedRead(path, cuts: [cut], size: size)
            #expect(chunked.records == whole.records && chunked.error == nil, "cut at \(cut)")
        }
    }

    /// A line-numbered error (undecodable bytes) is reported by the range holding it as a
    /// whole-file read reports it: same line, same byte column.
    @Test func decodingErrorKeepsItsPlace() throws {
        var bytes = Array("a,b\n1,2\n\"x\ny\",3\n".utf8)
        bytes += [0x34, 0x2C, 0xFF, 0x0A] + Array("5,6\n".utf8)
        let path = Self.write(bytes)
        let whole = Self.wholeRead(path)
        #expect(whole.error?.contains(":5 column byte 3") == true, "\(whole.error ?? "no error")")
        for cut in 1..<bytes.count {
            let chunked = try Self.chunkedRead(path, cuts: [cut], size: bytes.count)
            #expect(chunked.records == whole.records, "cut at \(cut)")
            #expect(chunked.error == whole.error, "cut at \(cut)")
        }
    }

    /// States chain: a range that starts inside a quoted field knows it from the scans before.
    @Test func planChainsStatesAndLines() throws {
        let text = "h\r\n\"a\r\nb\",c\r\nd\n"
        let path = Self.write(Array(text.utf8))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        // Cut after `"a\r` (inside the quote, between CR and LF), and after `b"`.
        let cuts = [0, 6, 9, text.utf8.count]
        let scans = try (0..<3).map { try ChunkScan.scan(fd: fd, range: cuts[$0]..<cuts[$0 + 1], delimiter: 0x2C) }
        let tasks = try ChunkPlan.tasks(dataset: "any", scans: scans, encoding: .utf8)
        #expect(tasks.map(\.startState) == [.rowNotBegun, .quoted, .mightHaveEnded])
        // Lines before each range: none; `h\r\n` and the `\r` of the quoted CRLF (2); + the LF-less `\nb"` (2).
        #expect(tasks.map(\.linesBefore) == [0, 2, 2])
        #expect(tasks.map(\.lineFeedsBefore) == [0, 1, 2])
        #expect(try ChunkTask(line: Substring(tasks[1].line)) == tasks[1])
    }

    /// `|` can be the second byte of a GB18030 character: such a file is refused, not cut wrongly.
    @Test func gb18030WithPipeDelimiterIsRefused() {
        #expect(ByteTransitions.isSafeInGB18030(delimiter: UInt8(ascii: ",")))
        #expect(ByteTransitions.isSafeInGB18030(delimiter: UInt8(ascii: ";")))
        #expect(ByteTransitions.isSafeInGB18030(delimiter: 0x09))
        #expect(!ByteTransitions.isSafeInGB18030(delimiter: UInt8(ascii: "|")))
    }
}
