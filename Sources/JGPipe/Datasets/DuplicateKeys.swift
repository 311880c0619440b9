/// SPEC §0 "Duplicates": rows identical after normalisation collapse to the first; when rows
/// sharing a key differ, every row of that key is rejected (`DUPLICATE_KEY`), identical copies
/// included, so each of them shows in the rejected file.
///
/// The key is the first schema column, or the validator's `keyColumns` (a licence's holder is
/// its id type and number). Its 64-bit hashes are radix-sorted (8 bytes a row, no
/// comparisons) to find the few hashes that occur more than once; only the rows with such a
/// hash are then grouped and confirmed on their bytes: no dictionary of strings.
enum DuplicateKeys {
    struct Resolution {
        var keep: [Bool]
        var collapsed: Int
        /// Record indices rejected as DUPLICATE_KEY.
        var conflicting: [Int]
    }

    static func resolve(store: RowStore, keyColumns: [Int] = [0]) -> Resolution {
        func keyHash(_ row: Int) -> UInt64 {
            keyColumns.dropFirst().reduce(store.hash(row, keyColumns[0])) { ($0 &* 0x100000001B3) ^ store.hash(row, $1) }
        }
        func sameKey(_ a: Int, _ b: Int) -> Bool { keyColumns.allSatisfy { store.fieldsEqual(a, b, column: $0) } }
        var keep = [Bool](repeating: true, count: store.count)
        // The hashes live only while they are sorted (this runs when the whole dump is in
        // memory, at the peak); the rows of a repeated hash are found by hashing again.
        let repeated = repeatedValues((0..<store.count).map(keyHash))
        guard !repeated.isEmpty else { return Resolution(keep: keep, collapsed: 0, conflicting: []) }
        // Rows sharing a hash, in input order, grouped in hash order.
        var groups: [UInt64: [Int]] = [:]
        for row in 0..<store.count {
            let hash = keyHash(row)
            if repeated.contains(hash) { groups[hash, default: []].append(row) }
        }
        var collapsed = 0
        var conflicting: [Int] = []
        for hash in groups.keys.sorted() {
            var rows = groups[hash]!
            // Peel off one key at a time (hash collisions are possible).
            while let head = rows.first {
                let same = rows.filter { sameKey(head, $0) }
                rows.removeAll { sameKey(head, $0) }
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
        return Resolution(keep: keep, collapsed: collapsed, conflicting: conflicting.sorted())
    }

    /// The values that occur more than once in `values`.
    static func repeatedValues(_ values: consuming [UInt64]) -> Set<UInt64> {
        let sorted = radixSorted(values)
        var repeated = Set<UInt64>()
        for i in sorted.indices.dropFirst() where sorted[i] == sorted[i - 1] { repeated.insert(sorted[i]) }
        return repeated
    }

    /// LSD radix sort, one byte a pass: eight linear passes instead of n log n comparisons.
    static func radixSorted(_ values: consuming [UInt64]) -> [UInt64] {
        var source = values
        var target = [UInt64](repeating: 0, count: source.count)
        source.withUnsafeMutableBufferPointer { a in
            target.withUnsafeMutableBufferPointer { b in
                var from = a, to = b
                for shift in stride(from: UInt64(0), to: 64, by: 8) {
                    var starts = [Int](repeating: 0, count: 257)
                    for v in from { starts[Int(truncatingIfNeeded: v >> shift) & 0xFF + 1] += 1 }
                    for d in 0..<256 { starts[d + 1] += starts[d] }
                    for v in from {
                        let d = Int(truncatingIfNeeded: v >> shift) & 0xFF
                        to[starts[d]] = v
                        starts[d] += 1
                    }
                    swap(&from, &to)
                }
            }
        }
        // Eight passes: the sorted values are back in `source`.
        return source
    }
}
