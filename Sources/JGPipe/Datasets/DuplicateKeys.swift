/// SPEC §0 "Duplicates": rows identical after normalisation collapse to the first; when rows
/// sharing a key differ, every row of that key is rejected (`DUPLICATE_KEY`), identical copies
/// included, so each of them shows in the rejected file.
enum DuplicateKeys {
    struct Resolution {
        var keep: [Bool]
        var collapsed: Int
        /// Record indices rejected as DUPLICATE_KEY.
        var conflicting: [Int]
    }

    static func resolve(keys: [String], store: RowStore) -> Resolution {
        var keep = [Bool](repeating: true, count: keys.count)
        var first: [String: Int] = [:]
        first.reserveCapacity(keys.count)
        var repeats: [Int] = []
        for (i, key) in keys.enumerated() {
            if first[key] != nil { repeats.append(i) } else { first[key] = i }
        }
        guard !repeats.isEmpty else { return Resolution(keep: keep, collapsed: 0, conflicting: []) }

        var groups: [String: [Int]] = [:]
        for i in repeats { groups[keys[i], default: [first[keys[i]]!]].append(i) }
        var collapsed = 0
        var conflicting: [Int] = []
        for (_, rows) in groups {
            let head = rows[0]
            if rows.dropFirst().allSatisfy({ store.rowsEqual(head, $0) }) {
                for i in rows.dropFirst() { keep[i] = false }
                collapsed += rows.count - 1
            } else {
                for i in rows { keep[i] = false }
                conflicting.append(contentsOf: rows)
            }
        }
        return Resolution(keep: keep, collapsed: collapsed, conflicting: conflicting.sorted())
    }
}
