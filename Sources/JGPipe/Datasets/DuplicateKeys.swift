/// SPEC §0 "Duplicates": rows identical after normalisation collapse to the first; when rows
/// sharing a key differ, every row of that key is rejected (`DUPLICATE_KEY`), identical copies
/// included, so each of them shows in the rejected file.
///
/// The key is the first schema column. Rows are grouped by sorting (hash, row) pairs, 16 bytes
/// a row, and equal hashes are confirmed on the key's bytes: no dictionary of strings.
enum DuplicateKeys {
    struct Resolution {
        var keep: [Bool]
        var collapsed: Int
        /// Record indices rejected as DUPLICATE_KEY.
        var conflicting: [Int]
    }

    static func resolve(store: RowStore) -> Resolution {
        var keep = [Bool](repeating: true, count: store.count)
        var byHash = (0..<store.count).map { (hash: store.hash($0, 0), row: $0) }
        byHash.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.row < $1.row }
        var collapsed = 0
        var conflicting: [Int] = []
        var start = 0
        while start < byHash.count {
            var end = start + 1
            while end < byHash.count && byHash[end].hash == byHash[start].hash { end += 1 }
            if end - start > 1 {
                var rows = byHash[start..<end].map(\.row)
                // Rows in input order; peel off one key at a time (hash collisions are possible).
                while let head = rows.first {
                    let same = rows.filter { store.fieldsEqual(head, $0, column: 0) }
                    rows.removeAll { store.fieldsEqual(head, $0, column: 0) }
                    guard same.count > 1 else { continue }
                    if same.dropFirst().allSatisfy({ store.rowsEqual(head, $0) }) {
                        for i in same.dropFirst() { keep[i] = false }
                        collapsed += same.count - 1
                    } else {
                        for i in same { keep[i] = false }
                        conflicting.append(contentsOf: same)
                    }
                }
            }
            start = end
        }
        return Resolution(keep: keep, collapsed: collapsed, conflicting: conflicting.sorted())
    }
}
