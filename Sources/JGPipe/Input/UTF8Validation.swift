/// Byte-level UTF-8 checks used by the decoder; the ASCII run is the fast path.
enum UTF8Validation {
    /// Length of the longest prefix of `bytes` made of complete, valid UTF-8 sequences.
    static func validPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                // Runs of ASCII are the common case: eight bytes at a time, up to the first
                // byte with its high bit set.
                while i + 8 <= n {
                    let high = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                    if high != 0 {
                        i += high.trailingZeroBitCount >> 3
                        break
                    }
                    i += 8
                }
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            if i + length > n { return i }
            let second = bytes[i + 1]
            if second < lower || second > upper { return i }
            for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return n
    }

    /// True when `bytes` is the beginning of a valid sequence that more input may complete.
    static func isIncompleteSequence(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let lead = bytes.first else { return false }
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return false
        }
        guard bytes.count < length else { return false }
        return bytes.dropFirst().allSatisfy { $0 & 0xC0 == 0x80 }
    }
}
