import Testing
@testable import JGPipe

@Suite("Row store and duplicate keys") struct RowStoreTests {
    func store(_ rows: [[String]]) -> RowStore {
        let store = RowStore(width: rows[0].count)
        store.reserve(rows: 2, bytes: 8)  // smaller than needed: growth must still work
        for row in rows { store.append(row) }
        return store
    }

    @Test func fieldsComeBackAsStored() {
        let s = store([["k1", "张三", ""], ["k2", "", "x,y"]])
        #expect(s.count == 2)
        #expect(s.fields(0) == ["k1", "张三", ""])
        #expect(s.fields(1) == ["k2", "", "x,y"])
        #expect(s.fieldsEqual(0, 1, column: 2) == false)
    }

    @Test func removingRowsKeepsTheOthersInOrder() {
        let s = store([["a", "1"], ["b", "22"], ["c", "333"], ["d", "4444"]])
        s.removeRows(keeping: [false, true, false, true])
        #expect(s.count == 2)
        #expect(s.fields(0) == ["b", "22"])
        #expect(s.fields(1) == ["d", "4444"])
        s.append(["e", "5"])
        #expect(s.fields(2) == ["e", "5"])
    }

    @Test func identicalRowsCollapseAndDifferingRowsOfAKeyAreAllRejected() {
        let s = store([
            ["A", "same"], ["B", "only"], ["A", "same"],   // A: identical → the copy collapses
            ["C", "one"], ["C", "two"], ["C", "one"],        // C: differ → all three rejected
            ["D", "x"],
        ])
        let resolution = DuplicateKeys.resolve(store: s)
        #expect(resolution.keep == [true, true, false, false, false, false, true])
        #expect(resolution.collapsed == 1)
        #expect(resolution.conflicting == [3, 4, 5])
    }

    @Test func equalHashesOfDifferentKeysStaySeparate() {
        // Different keys never merge, whatever their hashes: each key is confirmed on its bytes.
        let s = store([["x1", "a"], ["x2", "b"], ["x1", "a"]])
        let resolution = DuplicateKeys.resolve(store: s)
        #expect(resolution.keep == [true, true, false])
        #expect(s.hash(0, 0) == s.hash(2, 0))
        #expect(s.hash(0, 0) != s.hash(1, 0))
    }
}
