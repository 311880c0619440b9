/// A number plate (号牌号码, SPEC §3 `plate_no`), normalised as SPEC §0 says: `粤A·12345` → `粤A12345`.
public struct Plate: Hashable, Sendable {
    public let value: String

    /// 京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼 (SPEC §3).
    static let provinces: Set<UInt32> = Set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼".unicodeScalars.map(\.value))
    /// The special last characters of the 7-character form: 学 警 挂 港 澳 领.
    static let specialSuffixes: Set<UInt32> = Set("学警挂港澳领".unicodeScalars.map(\.value))

    public init(_ raw: String) throws(FieldError) {
        let text = Plate.normalize(raw)
        guard !text.isEmpty else { throw FieldError(.invalidPlate, "为空") }
        guard Plate.isValid(text) else {
            throw FieldError(.invalidPlate, "\(text) 既不是7位号牌，也不是已知省份的8位新能源号牌")
        }
        value = text
    }

    /// Normalised bytes already checked with `isValid` (the byte-level row path).
    init(validated b: UnsafeBufferPointer<UInt8>) {
        value = String(decoding: b, as: UTF8.self)
    }

    /// True when `normalize` leaves normalised text `b` as it is: no separator to remove.
    static func hasNoSeparator(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<b.count where isSeparator(b, k) > 0 { return false }
        return true
    }

    /// `Text.normalizeCode`, then spaces, `·` (U+00B7, U+2022, U+30FB, U+FF65), `.` and `-` removed.
    static func normalize(_ raw: String) -> String {
        var text = Text.normalizeCode(raw)
        let stripped = text.withUTF8 { b -> String? in
            var needsWork = false
            for k in 0..<b.count where isSeparator(b, k) > 0 { needsWork = true; break }
            guard needsWork else { return nil }
            var kept: [UInt8] = []
            kept.reserveCapacity(b.count)
            var k = 0
            while k < b.count {
                let skip = isSeparator(b, k)
                if skip > 0 { k += skip } else { kept.append(b[k]); k += 1 }
            }
            return String(decoding: kept, as: UTF8.self)
        }
        return stripped ?? text
    }

    /// Length in bytes of the separator starting at `k`, or 0.
    @inline(__always)
    private static func isSeparator(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int {
        switch b[k] {
        case 0x20, 0x09, 0x2E, 0x2D: return 1
        case 0xC2: return k + 1 < b.count && b[k + 1] == 0xB7 ? 2 : 0                               // U+00B7
        case 0xE2: return k + 2 < b.count && b[k + 1] == 0x80 && b[k + 2] == 0xA2 ? 3 : 0          // U+2022
        case 0xE3: return k + 2 < b.count && b[k + 1] == 0x83 && b[k + 2] == 0xBB ? 3 : 0          // U+30FB
        case 0xEF: return k + 2 < b.count && b[k + 1] == 0xBD && b[k + 2] == 0xA5 ? 3 : 0          // U+FF65
        default: return 0
        }
    }

    /// SPEC §3: province, authority letter (A–Z without I, O), then either 4 of A–Z/0–9 and a last one
    /// that may also be 学警挂港澳领 (7 in all), or a new-energy serial — D/F, a letter or digit, 4 digits;
    /// or 5 digits then D/F (8 in all). Letters I and O never appear in a serial.
    static func isValid(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8(isValid(utf8:))
    }

    /// `isValid` on valid UTF-8 bytes, decoded here: a plate is at most 9 scalars.
    static func isValid(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 9) { s -> Bool in
            var count = 0
            var i = 0
            while i < b.count {
                if count == 9 { return false }
                let lead = b[i]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                guard i + length <= b.count else { return false }
                var v = UInt32(lead)
                if length > 1 {
                    v &= 0xFF >> (length + 1)   // the lead byte's payload: 5, 4 or 3 bits
                    for k in 1..<length { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                }
                s[count] = v
                count += 1
                i += length
            }
            guard count == 7 || count == 8, provinces.contains(s[0]), isLetter(s[1]) else { return false }
            if count == 7 {
                for k in 2..<6 where !isSerial(s[k]) { return false }
                return isSerial(s[6]) || specialSuffixes.contains(s[6])
            }
            if isEnergyLetter(s[2]) {
                guard isSerial(s[3]) else { return false }
                for k in 4..<8 where !isDigit(s[k]) { return false }
                return true
            }
            for k in 2..<7 where !isDigit(s[k]) { return false }
            return isEnergyLetter(s[7])
        }
    }

    @inline(__always) private static func isDigit(_ v: UInt32) -> Bool { v &- 0x30 < 10 }
    @inline(__always) private static func isLetter(_ v: UInt32) -> Bool { v &- 0x41 < 26 && v != 0x49 && v != 0x4F }
    @inline(__always) private static func isSerial(_ v: UInt32) -> Bool { isDigit(v) || isLetter(v) }
    @inline(__always) private static func isEnergyLetter(_ v: UInt32) -> Bool { v == 0x44 || v == 0x46 }
}

extension Plate: CustomStringConvertible {
    public var description: String { value }
}
