/// GB 11643 resident identity numbers (type A, SPEC §0): 17 digits and an ISO 7064 MOD 11-2 check
/// character, with a real birth date in positions 7–14; legacy 15-digit numbers are converted.
enum ResidentID {
    static let weights: [Int] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// Check character for each remainder 0…10.
    static let checkCharacters: [UInt8] = Array("10X98765432".utf8)

    /// The check character for the 17 ASCII digits `digit(0)…digit(16)`.
    @inline(__always)
    static func checkCharacter(_ digit: (Int) -> UInt8) -> UInt8 {
        var sum = 0
        for k in 0..<17 { sum += ASCII.digitValue(digit(k)) * weights[k] }
        return checkCharacters[sum % 11]
    }

    private enum Outcome {
        case valid
        case converted(String)
        case badShape18, badShape15, badLength
        case badBirthDate(String)
        case badCheck(found: UInt8, expected: UInt8)
    }

    /// Returns the canonical 18-character number or throws INVALID_ID. `number` is already normalised.
    static func validate(_ number: String) throws(FieldError) -> String {
        if number.isEmpty { throw FieldError(.invalidID, "为空") }
        var copy = number
        switch copy.withUTF8({ classify($0) }) {
        case .valid:
            return number
        case .converted(let converted):
            return converted
        case .badShape18:
            throw FieldError(.invalidID, "\(number) 应为17位数字加一位数字或X")
        case .badShape15:
            throw FieldError(.invalidID, "15位号码 \(number) 应全为数字")
        case .badLength:
            throw FieldError(.invalidID, "\(number) 为\(number.count)位，应为18位（旧号码15位）")
        case .badBirthDate(let date):
            throw FieldError(.invalidID, "\(number) 的出生日期 \(date) 不是真实日期")
        case .badCheck(let found, let expected):
            throw FieldError(.invalidID, "校验位应为 \(Character(Unicode.Scalar(expected)))，实为 \(Character(Unicode.Scalar(found)))")
        }
    }

    /// True for a valid number already in its canonical 18-character form (the byte-level row
    /// path; anything else goes through `validate` for its message or conversion).
    static func isValidCanonical(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 18, case .valid = classify(b) else { return false }
        return true
    }

    private static func classify(_ b: UnsafeBufferPointer<UInt8>) -> Outcome {
        switch b.count {
        case 18:
            for k in 0..<17 where !ASCII.isDigit(b[k]) { return .badShape18 }
            let last = b[17]
            guard ASCII.isDigit(last) || last == 0x58 else { return .badShape18 }
            guard isRealBirthDate(b, at: 6) else {
                return .badBirthDate(String(decoding: UnsafeBufferPointer(rebasing: b[6..<14]), as: UTF8.self))
            }
            let expected = checkCharacter { b[$0] }
            return last == expected ? .valid : .badCheck(found: last, expected: expected)
        case 15:
            for k in 0..<15 where !ASCII.isDigit(b[k]) { return .badShape15 }
            // Legacy numbers carry a 2-digit year: insert "19" after the 6-digit region code.
            let converted = String(unsafeUninitializedCapacity: 18) { out in
                for k in 0..<6 { out[k] = b[k] }
                out[6] = 0x31
                out[7] = 0x39
                for k in 6..<15 { out[k + 2] = b[k] }
                out[17] = checkCharacter { out[$0] }
                return 18
            }
            var probe = converted
            let real = probe.withUTF8 { isRealBirthDate($0, at: 6) }
            guard real else { return .badBirthDate("19" + String(decoding: UnsafeBufferPointer(rebasing: b[6..<12]), as: UTF8.self)) }
            return .converted(converted)
        default:
            return .badLength
        }
    }

    /// Eight ASCII digits `yyyymmdd` at `offset` form a real date. Years before 1800 are rejected
    /// as implausible for a living person (SPEC §0 "a real birth date").
    private static func isRealBirthDate(_ b: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        func num(_ from: Int, _ count: Int) -> Int {
            var v = 0
            for k in from..<(from + count) { v = v * 10 + ASCII.digitValue(b[offset + k]) }
            return v
        }
        let year = num(0, 4)
        return year >= 1800 && CalendarDate(year: year, month: num(4, 2), day: num(6, 2)) != nil
    }
}
