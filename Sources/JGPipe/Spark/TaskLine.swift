/// The worker's line format on standard input and output (`jgpipe task …`): one record a
/// line, fields separated by a tab; inside a field, backslash, tab, LF, CR and U+001F are
/// escaped, so any text survives a line-based pipe (Spark's `TRANSFORM … USING`, `RDD.pipe`).
/// A payload of several values joins them, escaped, with U+001F.
public enum TaskLine {
    public static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x1F }) else {
            return field
        }
        var out = ""
        out.reserveCapacity(field.utf8.count + 8)
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{1F}": out += "\\s"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaped = false
        for scalar in field.unicodeScalars {
            if escaped {
                switch scalar {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                case "s": out += "\u{1F}"
                default: out.unicodeScalars.append(scalar)
                }
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Values joined into one field.
    public static func payload(_ values: [String]) -> String {
        values.map(escape).joined(separator: "\u{1F}")
    }

    public static func values(ofPayload field: Substring) -> [String] {
        field.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(unescape)
    }

    public static func fields(_ line: Substring) -> [Substring] {
        line.split(separator: "\t", omittingEmptySubsequences: false)
    }

    /// A number left-padded with zeros, so text order is number order.
    public static func padded(_ n: Int, width: Int = 9) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
