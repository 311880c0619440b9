/// A set of driving-licence classes (准驾车型, SPEC §2), e.g. `original_classes`, `requested_classes`.
public struct LicenceClasses: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    public static let a1 = LicenceClasses(rawValue: 1 << 0)
    public static let a2 = LicenceClasses(rawValue: 1 << 1)
    public static let a3 = LicenceClasses(rawValue: 1 << 2)
    public static let b1 = LicenceClasses(rawValue: 1 << 3)
    public static let b2 = LicenceClasses(rawValue: 1 << 4)
    public static let c1 = LicenceClasses(rawValue: 1 << 5)
    public static let c2 = LicenceClasses(rawValue: 1 << 6)
    public static let c3 = LicenceClasses(rawValue: 1 << 7)
    public static let c4 = LicenceClasses(rawValue: 1 << 8)
    public static let c5 = LicenceClasses(rawValue: 1 << 9)
    public static let c6 = LicenceClasses(rawValue: 1 << 10)
    public static let d = LicenceClasses(rawValue: 1 << 11)
    public static let e = LicenceClasses(rawValue: 1 << 12)
    public static let f = LicenceClasses(rawValue: 1 << 13)
    public static let m = LicenceClasses(rawValue: 1 << 14)
    public static let n = LicenceClasses(rawValue: 1 << 15)
    public static let p = LicenceClasses(rawValue: 1 << 16)

    /// The codes of SPEC §2 in canonical order; code `allCodes[k]` is bit `k`.
    public static let allCodes: [String] =
        ["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4", "C5", "C6", "D", "E", "F", "M", "N", "P"]

    /// Codes concatenated (`C1C6`, `A2D`) or separated by `,` `，` `/` `、` or spaces; full-width and
    /// lower-case forms are accepted. Anything else, or no code at all, is INVALID_CLASS (SPEC §2).
    public init(parsing raw: String) throws(FieldError) {
        let text = Text.normalizeCode(raw)
        var copy = text
        let parsed: UInt32? = copy.withUTF8 { LicenceClasses.parse($0) }
        guard let parsed else {
            throw FieldError(.invalidClass, text.isEmpty ? "为空"
                : "\"\(text)\" 含有以下准驾车型代码以外的代码："
                    + LicenceClasses.allCodes.joined(separator: " "))
        }
        rawValue = parsed
    }

    /// Settings lists such as `["C1", "C2"]`; each item may itself be a class string. An empty list
    /// is the empty set (a configurable class set may be empty); an empty item is INVALID_CLASS.
    public init(codes: [String]) throws(FieldError) {
        var bits: UInt32 = 0
        for code in codes { bits |= try LicenceClasses(parsing: code).rawValue }
        rawValue = bits
    }

    /// The codes in canonical order.
    public var codes: [String] {
        LicenceClasses.allCodes.indices.filter { rawValue & (1 << UInt32($0)) != 0 }.map { LicenceClasses.allCodes[$0] }
    }

    /// Canonical form: codes concatenated in `allCodes` order, e.g. "C1C6".
    public var description: String { codes.joined() }

    /// `description` as UTF-8 bytes, valid only inside `body`: the byte-level row path writes
    /// it without making strings.
    func withCanonicalUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * LicenceClasses.allCodes.count) { out in
            var n = 0
            for bit in 0..<LicenceClasses.allCodes.count where rawValue & (1 << UInt32(bit)) != 0 {
                for byte in LicenceClasses.allCodes[bit].utf8 {
                    out[n] = byte
                    n += 1
                }
            }
            return body(UnsafeBufferPointer(rebasing: out[..<n]))
        }
    }

    /// nil when a code is unknown or there is none. `b` is normalised (half-width, upper-case).
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var bits: UInt32 = 0
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x2C || c == 0x2F || c == 0x20 || c == 0x09 { i += 1; continue }
            if c == 0xE3 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x81 { i += 3; continue }   // 、U+3001
            if c == 0xEF && i + 2 < n && b[i + 1] == 0xBC && b[i + 2] == 0x8C { i += 3; continue }   // ，U+FF0C (if unnormalised)
            i += 1
            var digit: UInt8 = 0
            if i < n && ASCII.isDigit(b[i]) {
                digit = b[i]
                i += 1
                if i < n && ASCII.isDigit(b[i]) { return nil }
            }
            let bit: Int
            switch (c, digit) {
            case (0x41, 0x31...0x33): bit = Int(digit - 0x31)          // A1–A3
            case (0x42, 0x31...0x32): bit = 3 + Int(digit - 0x31)      // B1–B2
            case (0x43, 0x31...0x36): bit = 5 + Int(digit - 0x31)      // C1–C6
            case (0x44, 0): bit = 11
            case (0x45, 0): bit = 12
            case (0x46, 0): bit = 13
            case (0x4D, 0): bit = 14
            case (0x4E, 0): bit = 15
            case (0x50, 0): bit = 16
            default: return nil
            }
            bits |= 1 << UInt32(bit)
        }
        return bits == 0 ? nil : bits
    }
}

extension LicenceClasses: CustomStringConvertible {}
