/// SPEC §1 `contact_phone`: "11-digit mobile or landline". An invalid phone is only a warning.
public enum Phone {
    /// Mobile: `1[3-9]` + 9 digits. Landline: `0` + 2–3 digit area code, optional "-", 7–8 digits,
    /// optional "-" and a 1–6 digit extension. Input is already normalised.
    public static func isValid(_ normalized: String) -> Bool {
        var s = normalized
        return s.withUTF8 { isValid(bytes: $0) }
    }

    static func isValid(bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n >= 10, n <= 20 else { return false }
        if b[0] == 0x31 {
            return n == 11 && b[1] >= 0x33 && ASCII.allDigits(b)
        }
        guard b[0] == 0x30 else { return false }
        // The area code length is ambiguous without a dash ("0755" + 7 vs "075" + 8), so try both.
        return isLandline(b, areaDigits: 2) || isLandline(b, areaDigits: 3)
    }

    private static func isLandline(_ b: UnsafeBufferPointer<UInt8>, areaDigits: Int) -> Bool {
        let n = b.count
        var i = 1
        for _ in 0..<areaDigits {
            guard i < n, ASCII.isDigit(b[i]) else { return false }
            i += 1
        }
        if i < n && b[i] == 0x2D { i += 1 }
        let localStart = i
        while i < n && ASCII.isDigit(b[i]) { i += 1 }
        let localCount = i - localStart
        if i == n { return localCount == 7 || localCount == 8 }
        guard localCount == 7 || localCount == 8, b[i] == 0x2D else { return false }
        i += 1
        let extensionCount = n - i
        return (1...6).contains(extensionCount) && ASCII.allDigits(UnsafeBufferPointer(rebasing: b[i..<n]))
    }
}
