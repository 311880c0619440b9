import Foundation
import Testing
@testable import JGPipe

/// `DatasetLoader.stream` (row-local stages, bounded memory) against `DatasetLoader.load`, the
/// reference: the same valid rows in the same order with the same canonical fields, the same
/// rejected rows (DUPLICATE_KEY included) and the same counts, whatever slice a row falls in.
@Suite struct DatasetStreamTests {
    static let header = ExamEnrollmentValidator.schema.columnNames.joined(separator: ",") + ",remark"

    static func enrollment(_ id: String, _ person: String = "440106198802290057", remark: String = "") -> String {
        "\(id),,\(person),吴五,13800000005,440106,C1,C1,overdue_renewal,2019-04-01,2024-03-15,passed,,,,,,\(remark)"
    }

    struct Read {
        var lines: [Int] = []
        var canonical: [[String]] = []
        var rejected: [(line: Int, code: ErrorCode, message: String, fields: [String])] = []
        var slices = 0
    }

    static func both(_ csv: String) throws -> (loaded: Read, streamed: Read, load: DatasetCounts, stream: DatasetCounts) {
        let folder = RunHarness.inputFolder(["exam_enrollments.csv": csv])
        let path = folder + "/exam_enrollments.csv"
        let loaded = try DatasetLoader.load(path: path, validator: ExamEnrollmentValidator(), extraAliases: [:],
                                            options: ReadOptions())
        var a = Read()
        a.lines = loaded.lines
        a.canonical = (0..<loaded.store.count).map { loaded.store.fields($0) }
        a.rejected = loaded.rejected.map { ($0.line, $0.code, $0.message, $0.fields) }
        var b = Read()
        let streamed = try DatasetLoader.stream(path: path, validator: ExamEnrollmentValidator(), extraAliases: [:],
                                                options: ReadOptions()) { part in
            #expect(part.records.count == part.lines.count && part.store.count == part.lines.count)
            b.slices += 1
            b.lines += part.lines
            b.canonical += (0..<part.store.count).map { part.store.fields($0) }
            b.rejected += part.rejected.map { ($0.line, $0.code, $0.message, $0.fields) }
        }
        return (a, b, loaded.counts, streamed.counts)
    }

    static func expectSame(_ r: (loaded: Read, streamed: Read, load: DatasetCounts, stream: DatasetCounts)) {
        #expect(r.streamed.lines == r.loaded.lines)
        #expect(r.streamed.canonical == r.loaded.canonical)
        #expect(r.streamed.rejected.map(\.line) == r.loaded.rejected.map(\.line))
        #expect(r.streamed.rejected.map(\.code) == r.loaded.rejected.map(\.code))
        #expect(r.streamed.rejected.map(\.message) == r.loaded.rejected.map(\.message))
        #expect(r.streamed.rejected.map(\.fields) == r.loaded.rejected.map(\.fields))
        #expect(r.stream == r.load)
    }

    /// 20,000 distinct enrollments (three slices of 8,192) with, far apart: an exact copy of
    /// E00010 (collapses), a copy of E00020 that differs (both rejected), a copy of E00030 whose
    /// key differs only in case and whose other fields are invalid (rejected for its own field;
    /// E00030 stays), a copy of E00040 written `e00040` (a different key for exams: both stay),
    /// and an invalid row of its own.
    @Test func agreesWithLoadAcrossSlices() throws {
        var rows = (0..<20_000).map { Self.enrollment(String(format: "E%05d", $0)) }
        rows.insert(Self.enrollment("E00010"), at: 9_000)
        rows.insert(Self.enrollment("E00020", remark: "another"), at: 17_000)
        rows.append("E00030,,440106198802290058,吴五,,440106,C1,C1,overdue_renewal,2019-04-01,2024-03-15,,,,,,,")
        rows.append(Self.enrollment("e00040"))
        rows.append(Self.enrollment("E99999").replacingOccurrences(of: ",C1,C1,", with: ",C9,C1,"))
        let r = try Self.both(([Self.header] + rows).joined(separator: "\n") + "\n")
        Self.expectSame(r)
        #expect(r.streamed.slices >= 3)
        // 20,005 records: 20,000 + 5 added. Collapsed: the copy of E00010. Rejected: E00020 twice
        // (DUPLICATE_KEY, lines 22 and 17,002), the invalid E00030 copy (INVALID_ID) and E99999
        // (INVALID_CLASS). Cleaned: 20,005 − 1 − 4 = 20,000.
        #expect(r.stream.inputRecords == 20_005)
        #expect(r.stream.collapsedDuplicates == 1)
        #expect(r.stream.rejected == 4 && r.stream.rejectedByCode[.duplicateKey] == 2)
        #expect(r.stream.cleaned == 20_000)
        #expect(r.streamed.rejected.filter { $0.code == .duplicateKey }.map(\.line) == [22, 17_002])
    }

    /// `prepare` (a stage's decisions, on the validating threads) sees each part as `slice` then
    /// gets it, duplicates already resolved, and the parts come in input order.
    @Test func preparedPartsComeWithTheirOwnRowsInOrder() throws {
        var rows = (0..<20_000).map { Self.enrollment(String(format: "E%05d", $0)) }
        rows.insert(Self.enrollment("E00010"), at: 9_000)
        rows.insert(Self.enrollment("E00020", remark: "another"), at: 17_000)
        let folder = RunHarness.inputFolder(["exam_enrollments.csv": ([Self.header] + rows).joined(separator: "\n") + "\n"])
        let path = folder + "/exam_enrollments.csv"
        let loaded = try DatasetLoader.load(path: path, validator: ExamEnrollmentValidator(), extraAliases: [:],
                                            options: ReadOptions())
        var lines: [Int] = [], ids: [String] = [], rejected: [Int] = []
        let streamed = try DatasetLoader.stream(path: path, validator: ExamEnrollmentValidator(), extraAliases: [:],
                                                options: ReadOptions()) { part in
            (lines: part.lines, ids: part.records.map(\.enrollmentID), rejected: part.rejected.map(\.line))
        } slice: { part, prepared in
            #expect(prepared.lines == part.lines && prepared.rejected == part.rejected.map(\.line))
            lines += prepared.lines
            ids += prepared.ids
            rejected += prepared.rejected
        }
        #expect(lines == loaded.lines)
        #expect(ids == loaded.records.map(\.enrollmentID))
        #expect(rejected == loaded.rejected.map(\.line))
        #expect(streamed.counts == loaded.counts)
    }

    @Test func agreesWithLoadWithoutDuplicatesAndOnAnEmptyFile() throws {
        Self.expectSame(try Self.both([Self.header, Self.enrollment("A1"), Self.enrollment("A2")].joined(separator: "\n")))
        let empty = try Self.both(Self.header + "\n")
        Self.expectSame(empty)
        #expect(empty.stream.inputRecords == 0)
    }
}
