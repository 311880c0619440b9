/// 64-bit FNV-1a: a fixed, process-independent hash (Swift's `Hasher` is seeded per process)
/// for grouping keys. Its low bits are weak; take the whole value or mix it first.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    static func hash<Bytes: Sequence>(_ bytes: Bytes, from h: UInt64 = offsetBasis) -> UInt64 where Bytes.Element == UInt8 {
        var h = h
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }
}
