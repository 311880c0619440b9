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

    /// The loaded and the streamed paths resolve a licence's two-column key alike: two holders of
    /// type A are two people (lines 2, 3); line 4 repeats line 2 (collapses); lines 5, 6 are one
    /// holder with two expiry dates (both DUPLICATE_KEY, naming both key columns). The key columns
    /// are written canonically: the streamed path finds its suspects by the first column as read,
    /// so it would miss an empty type beside "A", or a 15-digit number beside its 18-digit form
    /// (the licence stage loads; see docs/rules/licences.md).
    @Test func loadedAndStreamedLicencesAgree() throws {
        let csv = """
            holder_id_type,holder_id_no,region_code,classes,first_issued_on,valid_until
            A,440106198001010019,440106,C1,2010-01-01,2030-01-01
            A,31010119850310003X,310101,C1,2010-01-01,2030-01-01
            A,440106198001010019,440106,C1,2010-01-01,2030-01-01
            A,440106199003150079,440106,C1,2010-01-01,2030-01-01
            A,440106199003150079,440106,C1,2010-01-01,2031-01-01

            """
        let path = RunHarness.inputFolder(["driver_licences.csv": csv]) + "/driver_licences.csv"
        let loaded = try DatasetLoader.load(path: path, validator: DriverLicenceValidator(), extraAliases: [:],
                                            options: ReadOptions())
        var streamedLines: [Int] = [], streamedRejected: [RejectedRow] = []
        let streamed = try DatasetLoader.stream(path: path, validator: DriverLicenceValidator(), extraAliases: [:],
                                                options: ReadOptions()) { part in
            streamedLines += part.lines
            streamedRejected += part.rejected
        }
        #expect(loaded.lines == [2, 3])
        #expect(streamedLines == loaded.lines)
        #expect(loaded.rejected.map(\.line) == [5, 6] && loaded.rejected.allSatisfy { $0.code == .duplicateKey })
        #expect(streamedRejected.map(\.line) == [5, 6])
        #expect(streamedRejected.map(\.message) == loaded.rejected.map(\.message))
        #expect(loaded.rejected.first?.message.contains("holder_id_type、holder_id_no A, 440106199003150079") == true)
        #expect(loaded.counts.collapsedDuplicates == 1 && streamed.counts.collapsedDuplicates == 1)
    }
}
