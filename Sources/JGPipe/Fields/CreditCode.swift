/// A unified social credit code (统一社会信用代码, GB 32100, SPEC §0): 18 characters, the last a
/// MOD 31 check character; `value` is the unit key.
public struct CreditCode: Hashable, Sendable {
    public let value: String

    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights: [Int] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    /// Character value 0…30 by ASCII byte, -1 outside the alphabet (I, O, Z, S, V are excluded).
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (k, c) in alphabet.enumerated() { table[Int(c)] = Int8(k) }
        return table
    }()

    public init(_ raw: String) throws(FieldError) {
        let text = Text.normalizeCode(raw)
        var copy = text
        let outcome = copy.withUTF8(CreditCode.check)
        switch outcome {
        case 0:
            value = text
        case -1:
            throw FieldError(.invalidCreditCode, text.isEmpty ? "为空"
                : "\(text) 应为18位，由 0-9 和 ABCDEFGHJKLMNPQRTUWXY 组成")
        default:
            let expected = Character(Unicode.Scalar(CreditCode.alphabet[outcome - 1]))
            throw FieldError(.invalidCreditCode, "校验位应为 \(expected)，实为 \(text.last!)")
        }
    }
}

extension CreditCode {
    /// 0 for a valid code, -1 for a wrong shape, else 1 + the expected check character's value.
    static func check(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        guard b.count == 18 else { return -1 }
        var sum = 0
        for k in 0..<17 {
            let v = Int(values[Int(b[k])])
            if v < 0 { return -1 }
            sum += v * weights[k]
        }
        guard values[Int(b[17])] >= 0 else { return -1 }
        let expected = (31 - sum % 31) % 31   // 31 means "0"
        return Int(values[Int(b[17])]) == expected ? 0 : 1 + expected
    }

    /// Normalised bytes already checked with `isValid` (the byte-level row path).
    init(validated b: UnsafeBufferPointer<UInt8>) {
        value = String(decoding: b, as: UTF8.self)
    }

    /// A valid code already in normalised form (the byte-level row path).
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool { check(b) == 0 }
}

extension CreditCode: CustomStringConvertible {
    public var description: String { value }
}
