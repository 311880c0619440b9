/// Byte helpers shared by the field parsers, which work on UTF-8 code units to stay off Foundation
/// on the per-row path.
enum ASCII {
    static let zero: UInt8 = 0x30

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func digitValue(_ b: UInt8) -> Int { Int(b &- zero) }

    /// True when there is at least one byte and every byte is an ASCII digit.
    static func allDigits<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }
}
