/// Unit code → index among the valid units: an open-addressing table of 4-byte slots over the
/// units' `RowStore`, so half a million units cost a few megabytes and a look-up hashes a few
/// bytes instead of a dictionary of heap strings.
public struct UnitIndex: @unchecked Sendable {
    // The store is only read once the units are loaded.
    private let store: RowStore
    private let column: Int
    private let slots: [Int32]
    private let mask: Int

    public init(store: RowStore, column: Int) {
        self.store = store
        self.column = column
        var size = 16
        while size < store.count * 2 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        for row in 0..<store.count {
            var slot = Int(truncatingIfNeeded: store.hash(row, column)) & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(row)
        }
        self.slots = slots
        mask = size - 1
    }

    public subscript(code: String) -> Int32? {
        var code = code
        return code.withUTF8 { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 {
                let row = Int(slots[slot])
                if store.withField(row, column, { $0.elementsEqual(bytes) }) { return Int32(row) }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }
}
