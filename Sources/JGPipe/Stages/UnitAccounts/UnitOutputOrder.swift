/// The units in (detachment_code, unit_code) order, the order of the removal export, the
/// contact list and the notifications; codes compare as bytes, which for their ASCII characters
/// is the order of `String`.
func unitsInOutputOrder(_ units: LoadedDataset<Unit>, _ detachment: [String]) -> [Int32] {
    let detachmentRank = Dictionary(uniqueKeysWithValues: Set(detachment).sorted().enumerated().map { ($1, UInt32($0)) })
    var order = units.records.indices.map { u in
        units.store.withField(u, UnitValidator.Column.code) { code in
            UnitOrder(detachmentRank: detachmentRank[detachment[u]]!, code: code, index: Int32(u))
        }
    }
    order.sort()
    return order.map(\.index)
}

/// A unit in (detachment_code, unit_code) order. Unit codes are 18-character credit codes
/// (validated): 24 bytes packed big-endian hold them whole, zeros after the end, so a prefix
/// sorts first as with bytes.
private struct UnitOrder: Comparable {
    let detachmentRank: UInt32
    let packed: (UInt64, UInt64, UInt64)
    let index: Int32

    init(detachmentRank: UInt32, code: UnsafeBufferPointer<UInt8>, index: Int32) {
        assert(code.count <= 24, "unit codes are credit codes of 18 characters")
        self.detachmentRank = detachmentRank
        func word(_ w: Int) -> UInt64 {
            var value: UInt64 = 0
            for k in 0..<8 { value = value << 8 | UInt64(w * 8 + k < code.count ? code[w * 8 + k] : 0) }
            return value
        }
        packed = (word(0), word(1), word(2))
        self.index = index
    }

    static func == (a: UnitOrder, b: UnitOrder) -> Bool { a.index == b.index }

    static func < (a: UnitOrder, b: UnitOrder) -> Bool {
        (a.detachmentRank, a.packed.0, a.packed.1, a.packed.2, a.index) < (b.detachmentRank, b.packed.0, b.packed.1, b.packed.2, b.index)
    }
}
