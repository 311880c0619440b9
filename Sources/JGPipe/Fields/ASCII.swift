/// Byte helpers shared by the field parsers; they work on UTF-8 code units to stay off Foundation.
enum ASCII {
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func digitValue(_ b: UInt8) -> Int { Int(b &- zero) }

    /// True when every byte is an ASCII digit (and there is at least one).
    static func allDigits<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// Builds a String from ASCII/UTF-8 bytes without an intermediate Array where possible.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
