/// SPEC §0 "Normalising text". Runs for nearly every field of every row, so it works on UTF-8 bytes,
/// returns plain ASCII input untouched, and only allocates when something actually changes.
public enum Text {
    /// Trims ASCII space/tab/CR/LF and U+3000 at both ends, maps full-width ASCII (U+FF01–U+FF5E) to
    /// half-width and an inner U+3000 to a space; `NULL` (any case) and `\N` (database dump markers)
    /// become "". An Excel text guard (`'…` or `="…"`, see `guardedValue`) left after that is removed
    /// and what it held is normalised the same way (one guard: `''1` gives `'1`).
    public static func normalize(_ raw: String) -> String {
        normalize(raw, upper: false)
    }

    /// `normalize`, then ASCII letters upper-cased (identity numbers, codes).
    public static func normalizeCode(_ raw: String) -> String {
        normalize(raw, upper: true)
    }

    static func normalize(_ raw: String, upper: Bool) -> String {
        var text = normalizeOnce(raw, upper: upper)
        guard let first = text.utf8.first, first == quote || first == equals else { return text }
        text.makeContiguousUTF8()
        let held = text.utf8.withContiguousStorageIfAvailable { bytes in
            guardedValue(bytes).map { String(decoding: $0, as: UTF8.self) }
        }
        return held.flatMap { $0 }.map { normalizeOnce($0, upper: upper) } ?? text
    }

    static let quote = UInt8(ascii: "'"), equals = UInt8(ascii: "="), doubleQuote = UInt8(ascii: "\"")

    /// SPEC §0: what an Excel text guard holds — the bytes after a leading `'`, or inside a `="…"`
    /// wrapper (`="440106197503120018"`) — or nil when `b` has no guard.
    static func guardedValue(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard let first = b.first else { return nil }
        if first == quote { return UnsafeBufferPointer(rebasing: b[1...]) }
        if first == equals, b.count >= 3, b[1] == doubleQuote, b[b.count - 1] == doubleQuote {
            return UnsafeBufferPointer(rebasing: b[2..<(b.count - 1)])
        }
        return nil
    }

    private static func normalizeOnce(_ raw: String, upper: Bool) -> String {
        if let result = raw.utf8.withContiguousStorageIfAvailable({ normalize(raw, bytes: $0, upper: upper) }) {
            return result
        }
        let bytes = Array(raw.utf8)
        return bytes.withUnsafeBufferPointer { normalize(raw, bytes: $0, upper: upper) }
    }

    /// True when `normalize` (or `normalizeCode` when `upper`) would return `b` unchanged. Errs on
    /// the side of false: any U+3xxx or U+Fxxx character counts as changeable, so the byte-level
    /// row path only keeps what the string path would keep as it is (it hands the rest over). A
    /// guarded value is not normalised (`RawRow.normalized` looks inside the guard).
    static func isNormalized(_ b: UnsafeBufferPointer<UInt8>, upper: Bool) -> Bool {
        if let first = b.first, isTrimmable(first) || isTrimmable(b[b.count - 1]) { return false }
        if guardedValue(b) != nil { return false }
        for byte in b where byte == 0xEF || byte == 0xE3 || (upper && ASCII.isLower(byte)) { return false }
        return !isNullMarker(b)
    }

    @inline(__always) static func isTrimmable(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// `NULL` in any case, or `\N`.
    static func isNullMarker(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.count == 2 { return b[0] == 0x5C && b[1] == 0x4E }
        guard b.count == 4 else { return false }
        return b[0] | 0x20 == 0x6E && b[1] | 0x20 == 0x75 && b[2] | 0x20 == 0x6C && b[3] | 0x20 == 0x6C
    }

    private static func normalize(_ raw: String, bytes b: UnsafeBufferPointer<UInt8>, upper: Bool) -> String {
        let n = b.count
        var needsWork = false
        for byte in b where byte >= 0x80 || (upper && ASCII.isLower(byte)) {
            needsWork = true
            break
        }
        if !needsWork {
            // Plain ASCII: at most a trim, no byte changes.
            var start = 0, end = n
            while start < end && isTrimmable(b[start]) { start += 1 }
            while end > start && isTrimmable(b[end - 1]) { end -= 1 }
            let trimmed = UnsafeBufferPointer(rebasing: b[start..<end])
            if isNullMarker(trimmed) { return "" }
            if start == 0 && end == n { return raw }
            return String(decoding: trimmed, as: UTF8.self)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(n, 1)) { out in
            var o = 0, i = 0
            while i < n {
                let byte = b[i]
                if byte == 0xEF && i + 2 < n {
                    let b1 = b[i + 1], b2 = b[i + 2]
                    if b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF {          // U+FF01–U+FF3F
                        out[o] = b2 &- 0x60; o += 1; i += 3; continue
                    }
                    if b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E {          // U+FF40–U+FF5E
                        out[o] = b2 &- 0x20; o += 1; i += 3; continue
                    }
                } else if byte == 0xE3 && i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0x80 {  // U+3000
                    out[o] = 0x20; o += 1; i += 3; continue
                }
                out[o] = byte; o += 1; i += 1
            }
            if upper {
                for k in 0..<o where ASCII.isLower(out[k]) { out[k] &-= 0x20 }
            }
            var start = 0, end = o
            while start < end && isTrimmable(out[start]) { start += 1 }
            while end > start && isTrimmable(out[end - 1]) { end -= 1 }
            let trimmed = UnsafeBufferPointer(rebasing: out[start..<end])
            if isNullMarker(trimmed) { return "" }
            return String(decoding: trimmed, as: UTF8.self)
        }
    }
}
