private import CPosix

/// Unit code → index among the valid units. A unified social credit code (GB 32100: 18
/// characters of a 31-character alphabet) packs exactly into 90 bits, so the open-addressing
/// table holds the packed codes themselves: a look-up touches one slot, no string and no store
/// row (each a cache miss on half a million units).
public struct UnitIndex: Sendable {
    /// 16 bytes: the code's first 12 characters in `high`; its last 6 (30 bits) in the low half
    /// of `lowAndRow`, the unit's row + 1 in the high half (0: an empty slot).
    private struct Slot: Sendable {
        var high: UInt64 = 0
        var lowAndRow: UInt64 = 0

        var row: Int32 { Int32(truncatingIfNeeded: lowAndRow >> 32) - 1 }
        var low: UInt64 { lowAndRow & 0xFFFF_FFFF }
    }

    private let slots: [Slot]
    private let mask: Int
    private let shift: UInt64

    /// `codes[i]` is the code of unit `i` (valid credit codes: the units passed validation).
    public init(codes: [String]) {
        var bits: UInt64 = 4
        while 1 << bits < codes.count * 3 / 2 { bits += 1 }
        shift = 64 - bits
        mask = (1 << Int(bits)) - 1
        var slots = [Slot](repeating: Slot(), count: 1 << Int(bits))
        for (row, code) in codes.enumerated() {
            guard let (high, low) = UnitIndex.pack(code.utf8) else { continue }
            var slot = UnitIndex.slot(high, low, shift)
            while slots[slot].row >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(high: high, lowAndRow: UInt64(row + 1) << 32 | low)
        }
        self.slots = slots
    }

    public subscript(code: String) -> Int32? {
        self[utf8: code.utf8]
    }

    subscript<Bytes: Sequence<UInt8>>(utf8 code: Bytes) -> Int32? {
        guard let (high, low) = UnitIndex.pack(code) else { return nil }
        var slot = UnitIndex.slot(high, low, shift)
        while slots[slot].row >= 0 {
            if slots[slot].high == high && slots[slot].low == low { return slots[slot].row }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Starts loading the slot where a look-up of `code` begins: the table is megabytes, so a
    /// look-up is a cache miss; issued a few rows ahead, the misses overlap.
    func prefetch<Bytes: Sequence<UInt8>>(utf8 code: Bytes) {
        guard let (high, low) = UnitIndex.pack(code) else { return }
        slots.withUnsafeBufferPointer { jg_prefetch($0.baseAddress! + UnitIndex.slot(high, low, shift)) }
    }

    /// Character values 0–30 of GB 32100, or nil for anything that is not an 18-character code.
    private static func pack<Bytes: Sequence<UInt8>>(_ code: Bytes) -> (UInt64, UInt64)? {
        var high: UInt64 = 0, low: UInt64 = 0, count = 0
        for byte in code {
            guard let value = value(byte) else { return nil }
            if count < 12 { high = high << 5 | value } else { low = low << 5 | value }
            count += 1
        }
        return count == 18 ? (high, low) : nil
    }

    /// Bit i set when the byte 0x30 + i is in the GB 32100 alphabet `0-9 A-H J-N P-R T U W-Y`.
    private static let alphabetBits: UInt64 = 0b11_1011_0111_0111_1101_1111_1110_0000_0011_1111_1111

    /// A character's value is its position in the alphabet: the byte's offset from "0" less the
    /// bytes skipped below it (`:`–`@`, I, O, S, V). Arithmetic, not a table or a bit count: this
    /// runs for 18 bytes twice per account row (prefetch and look-up).
    private static func value(_ byte: UInt8) -> UInt64? {
        let i = UInt64(byte &- 0x30)
        guard i < 42, alphabetBits >> i & 1 == 1 else { return nil }
        let skipped: UInt64 = (i > 9 ? 7 : 0) + (i > 25 ? 1 : 0) + (i > 31 ? 1 : 0) + (i > 35 ? 1 : 0) + (i > 38 ? 1 : 0)
        return i - skipped
    }

    /// The top bits of the packed code times 2^64/φ.
    private static func slot(_ high: UInt64, _ low: UInt64, _ shift: UInt64) -> Int {
        Int(((high ^ (low &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
