import Testing
@testable import JGPipe

/// SPEC §0 "Duplicates" with a key of several columns (a licence's holder is its id type and
/// number, SPEC §7; a registered user is plate, plate type, user and registered_on, §8).
@Suite struct CompositeKeyTests {
    func store(_ rows: [[String]]) -> RowStore {
        let s = RowStore(width: 3)
        for row in rows { s.append(row) }
        return s
    }

    @Test func rowsAreDuplicatesOnlyWhenEveryKeyColumnIsEqual() {
        let s = store([
            ["A", "440106198001010019", "张三"],
            ["P", "440106198001010019", "张三"],   // another document type: another person
            ["A", "440106198001010019", "张三"],   // identical to row 0: collapses
            ["A", "31010119850310003X", "王五"],
            ["A", "31010119850310003X", "王五五"], // same holder, differing: both rejected
        ])
        let resolution = DuplicateKeys.resolve(store: s, keyColumns: [0, 1])
        #expect(resolution.keep == [true, true, false, false, false])
        #expect(resolution.collapsed == 1)
        #expect(resolution.conflicting == [3, 4])
        // With the type column alone, rows 0, 2, 3 and 4 would share the key "A" and differ: all rejected.
        #expect(DuplicateKeys.resolve(store: s, keyColumns: [0]).conflicting == [0, 2, 3, 4])
    }

    @Test func keyColumnsNeedNotBeAdjacent() {
        let s = store([["粤A12345", "名甲", "2024-01-01"], ["粤A12345", "名乙", "2024-01-01"], ["粤A12345", "名甲", "2024-02-01"]])
        // Key (plate, date): rows 0 and 1 conflict, row 2 stands alone.
        let resolution = DuplicateKeys.resolve(store: s, keyColumns: [0, 2])
        #expect(resolution.keep == [false, false, true])
        #expect(resolution.conflicting == [0, 1])
    }
}
