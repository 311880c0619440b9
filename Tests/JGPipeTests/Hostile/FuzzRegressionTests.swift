import Foundation
import Testing
@testable import JGPipe

/// Inputs the fuzzer (fuzz/, `scripts/fuzz.sh`) found, kept as files in the harness's format:
/// byte 0 picks the encoding (bits 0-1), the dataset (bits 2-3) and a 300-byte field cap (bit 4);
/// byte 1 is a read size; the rest is the file. Each failed the rule that a file's outcome does
/// not depend on how it is cut into reads.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("fuzz-crashes").path
    static let readSizes = [1, 2, 3, 7, 64, 4096, 1 << 20]

    struct Found {
        let file: String
        let line: Int?
        let column: String?
        let message: String
    }

    /// Loads a crash file's body as its dataset with every read size; returns the one error all
    /// of them must give.
    func error(_ name: String) throws -> Found? {
        let data = Array(try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name)))
        let control = data[0]
        let path = RunHarness.temporaryFolder("jgpipe-fuzz-regression") + "/input.csv"
        try Data(data[2...]).write(to: URL(fileURLWithPath: path))
        var options = ReadOptions()
        options.encoding = [.auto, .utf8, .gb18030, .auto][Int(control & 3)]
        options.maxFieldBytes = control & 0x10 != 0 ? 300 : 1 << 20
        var found: [Found?] = []
        for size in Self.readSizes {
            options.chunkBytes = size
            do {
                switch control >> 2 & 3 {
                case 0: _ = try DatasetLoader.load(path: path, validator: UnitValidator(), extraAliases: [:], options: options)
                case 1: _ = try DatasetLoader.load(path: path, validator: UnitAccountValidator(units: UnitIndex(codes: [])), extraAliases: [:], options: options)
                case 2: _ = try DatasetLoader.load(path: path, validator: ExamEnrollmentValidator(), extraAliases: [:], options: options)
                default: _ = try DatasetLoader.load(path: path, validator: VehicleValidator(), extraAliases: [:], options: options)
                }
                found.append(nil)
            } catch let error as InputFileError {
                found.append(Found(file: error.file, line: error.line, column: error.column, message: error.message))
            }
        }
        let first = found[0]
        for (size, other) in zip(Self.readSizes, found) {
            #expect(other?.line == first?.line && other?.column == first?.column && other?.message == first?.message,
                    "read size \(size): \(String(describing: other)) vs \(String(describing: first))")
        }
        return first
    }

    /// A units header missing region_code, then a runaway quote and invalid UTF-8 on line 4: with
    /// one big read the decoder failed before the header was parsed, with small reads the
    /// header failed first. Errors now come in file order.
    @Test func aHeaderErrorComesBeforeALaterDecodingError() throws {
        let found = try #require(try error("crash-header-vs-decoder"))
        #expect(found.line == 1)
        #expect(found.column == "region_code")
        #expect(found.message.hasPrefix("required column region_code is missing"))
    }

    /// Invalid GB18030 (0xFF) on line 1 after 28 bytes: the message quoted as many bytes as the
    /// current read happened to hold (0xFF0A or 0xFF0A0100). It now waits for 4 bytes.
    @Test func theBytesQuotedInADecodingErrorDoNotDependOnTheReadSize() throws {
        let found = try #require(try error("crash-hex-prefix"))
        #expect(found.line == 1)
        #expect(found.column == "byte 29")
        #expect(found.message == "bytes that are not valid GB18030 (0xFF0A0100)")
    }

    /// An exam header missing original_classes, then a field over the (300-byte) cap on line 3
    /// within the same 64 KiB slice: the slice's records were dropped when the long field
    /// failed, so the header error was lost. Records before the long field are now handed over
    /// first.
    @Test func aHeaderErrorComesBeforeALongFieldInTheSameSlice() throws {
        let found = try #require(try error("crash-overlong-vs-header"))
        #expect(found.line == 1)
        #expect(found.column == "original_classes")
        #expect(found.message.hasPrefix("required column original_classes is missing"))
    }

    /// A field over the cap that ends inside one slice used to pass when the cap fell between
    /// two slice checks; now any field over the cap fails, however the reads cut the file.
    @Test func aFieldOverTheCapFailsWhereverTheReadsCutIt() throws {
        let text = "h1,h2\n1,\(String(repeating: "x", count: 301))\n2,ok\n"
        for size in 1...text.utf8.count {
            #expect(throws: CSVReader.Failure.fieldTooLong(line: 2, limit: 300), "read size \(size)") {
                try parse(Array(text.utf8), chunk: size, maxFieldBytes: 300)
            }
        }
        // Exactly at the cap is fine.
        let atCap = "h1,h2\n1,\(String(repeating: "x", count: 300))\n"
        #expect(try parse(Array(atCap.utf8), chunk: 1 << 16, maxFieldBytes: 300).count == 2)
    }

    /// AddressSanitizer, `scripts/fuzz.sh` (issue #11): a unit-accounts file of one-field rows.
    /// `UnitAccountValidator.prefetch` reads the unit code (column 2) of a row before the field
    /// count is checked, and `RawRow` read `fieldEnds` past the record: past the batch's end
    /// for its last record. Every row must be rejected `FIELD_COUNT` (header of 10 columns,
    /// 2,000 rows of 1 field), with every read size.
    @Test func aShortRowIsNeverReadPastItsFields() throws {
        #expect(try error("crash-short-row-prefetch") == nil)
        let path = RunHarness.temporaryFolder("jgpipe-fuzz-regression") + "/unit_accounts.csv"
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/crash-short-row-prefetch"))
        try data.dropFirst(2).write(to: URL(fileURLWithPath: path))
        let loaded = try DatasetLoader.load(path: path, validator: UnitAccountValidator(units: UnitIndex(codes: [])),
                                            extraAliases: [:], options: ReadOptions())
        #expect(loaded.counts.inputRecords == 2000)
        #expect(loaded.rejected.count == 2000)
        #expect(loaded.rejected.allSatisfy { $0.code == .fieldCount })
    }

    /// The depth of the fix: a `RawRow` cannot be indexed past its record. Record 2 (`x`) has
    /// one field; its fields 1 and 2 are empty — not `y` and `z` of record 3, which follow it in
    /// the batch's buffers — and so is field -1 (not `c` of record 1).
    @Test func aRawRowHasNoFieldsBeyondItsRecord() throws {
        let reader = CSVReader()
        var batches: [RecordBatch] = []
        try Array("a,b,c\nx\ny,z,w\n".utf8).withUnsafeBytes { try reader.parse($0) { batches.append($0) } }
        try reader.finish { batches.append($0) }
        let batch = try #require(batches.first { $0.count == 3 })
        batch.withRawRows { rows in
            let short = rows[1]
            #expect(short.fieldCount == 1)
            #expect(String(decoding: short[0], as: UTF8.self) == "x")
            #expect(short[1].isEmpty)
            #expect(short[2].isEmpty)
            #expect(short[-1].isEmpty)
            #expect(short.fields == ["x"])
        }
    }
}
