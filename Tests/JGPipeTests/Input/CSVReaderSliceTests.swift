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
