/// A vehicle identification number (SPEC §3 `vin`). The shape is required; the position-9 check digit
/// (ISO 3779 / GB 16735) is only reported, because imported vehicles may not carry one.
public struct VIN: Hashable, Sendable {
    public let value: String
    public let checkDigitValid: Bool

    static let weights: [Int] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    /// Transliteration value by ASCII byte; -1 for bytes that may not appear (including I, O, Q).
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for d in 0..<10 { table[0x30 + d] = Int8(d) }
        let letters: [(Character, Int8)] = [
            ("A", 1), ("B", 2), ("C", 3), ("D", 4), ("E", 5), ("F", 6), ("G", 7), ("H", 8),
            ("J", 1), ("K", 2), ("L", 3), ("M", 4), ("N", 5), ("P", 7), ("R", 9),
            ("S", 2), ("T", 3), ("U", 4), ("V", 5), ("W", 6), ("X", 7), ("Y", 8), ("Z", 9),
        ]
        for (c, v) in letters { table[Int(c.asciiValue!)] = v }
        return table
    }()

    public init(_ raw: String) throws(FieldError) {
        let text = Text.normalizeCode(raw)
        var copy = text
        guard let check = copy.withUTF8(VIN.check) else {
            throw FieldError(.invalidVIN, text.isEmpty ? "为空"
                : "\(text) 应为17位，由 0-9 和 A-Z（不含 I、O、Q）组成")
        }
        value = text
        checkDigitValid = check
    }

    /// Normalised bytes already checked with `check` (the byte-level row path).
    init(validated b: UnsafeBufferPointer<UInt8>, checkDigitValid: Bool) {
        value = String(decoding: b, as: UTF8.self)
        self.checkDigitValid = checkDigitValid
    }

    /// nil when `b` (normalised) is not 17 characters of the VIN alphabet; else whether the
    /// position-9 check digit matches.
    static func check(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard b.count == 17 else { return nil }
        var sum = 0
        for k in 0..<17 {
            let v = Int(values[Int(b[k])])
            if v < 0 { return nil }
            sum += v * weights[k]
        }
        let remainder = sum % 11
        return b[8] == (remainder == 10 ? 0x58 : UInt8(0x30 + remainder))
    }
}

extension VIN: CustomStringConvertible {
    public var description: String { value }
}
