/// The date/time text forms of SPEC §0 "Dates", shared by `CalendarDate` and `DateTime`:
/// `YYYY-MM-DD`, `YYYY/MM/DD` (1- or 2-digit month and day, the same separator twice), `YYYYMMDD`,
/// `YYYY年M月D日`, each optionally followed by one or more spaces and `H:MM` or `H:MM:SS` (hour 1 or 2 digits).
/// Input is normalised first, so full-width digits and separators are accepted.
enum DateText {
    struct Parsed {
        let date: CalendarDate
        let secondsOfDay: Int32?
    }

    static let forms = "YYYY-MM-DD、YYYY/MM/DD、YYYYMMDD 或 YYYY年M月D日，可带 HH:MM 或 HH:MM:SS"

    static func parse(_ raw: String) throws(FieldError) -> Parsed {
        let text = Text.normalize(raw)
        if text.isEmpty { throw FieldError(.invalidDate, "为空") }
        let outcome = text.utf8.withContiguousStorageIfAvailable { parse(bytes: $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { parse(bytes: $0) }
        // Messages are built only on failure: this runs for every date field of every row.
        switch outcome {
        case .parsed(let parsed):
            return parsed
        case .unrecognised:
            throw FieldError(.invalidDate, "\"\(text)\" 不是可识别的日期格式（\(forms)）")
        case .impossibleDate(let end):
            let datePart = String(text.utf8.prefix(end))!
            throw FieldError(.invalidDate, "\"\(datePart)\" 不是真实的日期")
        case .invalidTime(let start):
            let time = String(text.utf8.dropFirst(start))!
            throw FieldError(.invalidDate, "\"\(text)\" 中的时间 \"\(time)\" 无效")
        }
    }

    /// The date of already normalised text (see `Text.isNormalized`), or nil when it is not a
    /// valid date: the byte-level row path, which leaves the error message to `parse`.
    static func parseNormalized(_ b: UnsafeBufferPointer<UInt8>) -> Parsed? {
        guard !b.isEmpty, case .parsed(let parsed) = parse(bytes: b) else { return nil }
        return parsed
    }

    private enum Outcome {
        case parsed(Parsed)
        case unrecognised
        case impossibleDate(end: Int)
        case invalidTime(start: Int)
    }

    private static let nian: [UInt8] = Array("年".utf8)
    private static let yue: [UInt8] = Array("月".utf8)
    private static let ri: [UInt8] = Array("日".utf8)

    private static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Outcome {
        let n = b.count
        var i = 0

        func digits(min: Int, max: Int) -> Int? {
            var value = 0, count = 0
            while i < n && count < max && ASCII.isDigit(b[i]) {
                value = value * 10 + ASCII.digitValue(b[i]); i += 1; count += 1
            }
            return count >= min ? value : nil
        }
        func literal(_ lit: [UInt8]) -> Bool {
            guard i + lit.count <= n else { return false }
            for k in 0..<lit.count where b[i + k] != lit[k] { return false }
            i += lit.count
            return true
        }

        // Date part.
        var runLength = 0
        while runLength < n && ASCII.isDigit(b[runLength]) { runLength += 1 }
        let year: Int, month: Int, day: Int
        if runLength == 8 {
            guard let y = digits(min: 4, max: 4), let m = digits(min: 2, max: 2), let d = digits(min: 2, max: 2)
            else { return .unrecognised }
            (year, month, day) = (y, m, d)
        } else if runLength == 4 {
            guard let y = digits(min: 4, max: 4) else { return .unrecognised }
            if i < n && (b[i] == 0x2D || b[i] == 0x2F) {
                let separator = b[i]; i += 1
                guard let m = digits(min: 1, max: 2), i < n, b[i] == separator else { return .unrecognised }
                i += 1
                guard let d = digits(min: 1, max: 2) else { return .unrecognised }
                (year, month, day) = (y, m, d)
            } else if literal(nian) {
                guard let m = digits(min: 1, max: 2), literal(yue), let d = digits(min: 1, max: 2), literal(ri)
                else { return .unrecognised }
                (year, month, day) = (y, m, d)
            } else {
                return .unrecognised
            }
        } else {
            return .unrecognised
        }
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            // Only a well-formed date text deserves "not a real date"; junk after it is unrecognised.
            return isWellFormedTail(b, from: i) ? .impossibleDate(end: i) : .unrecognised
        }
        guard i < n else { return .parsed(Parsed(date: date, secondsOfDay: nil)) }

        // Optional time part.
        guard b[i] == 0x20 else { return .unrecognised }
        while i < n && b[i] == 0x20 { i += 1 }
        let timeStart = i
        guard let h = digits(min: 1, max: 2), i < n, b[i] == 0x3A else { return .unrecognised }
        i += 1
        guard let mi = digits(min: 2, max: 2) else { return .unrecognised }
        var s = 0
        if i < n && b[i] == 0x3A {
            i += 1
            guard let sec = digits(min: 2, max: 2) else { return .unrecognised }
            s = sec
        }
        guard i == n else { return .unrecognised }
        guard h <= 23, mi <= 59, s <= 59 else { return .invalidTime(start: timeStart) }
        return .parsed(Parsed(date: date, secondsOfDay: Int32(h * 3600 + mi * 60 + s)))
    }

    /// After the date part: nothing, or spaces then a time of the right shape (values unchecked).
    private static func isWellFormedTail(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        let n = b.count
        if i == n { return true }
        guard b[i] == 0x20 else { return false }
        while i < n && b[i] == 0x20 { i += 1 }
        var run = 0
        while i < n && ASCII.isDigit(b[i]) { i += 1; run += 1 }
        guard (1...2).contains(run), i < n, b[i] == 0x3A else { return false }
        i += 1
        run = 0
        while i < n && ASCII.isDigit(b[i]) { i += 1; run += 1 }
        guard run == 2 else { return false }
        if i == n { return true }
        guard b[i] == 0x3A else { return false }
        i += 1
        run = 0
        while i < n && ASCII.isDigit(b[i]) { i += 1; run += 1 }
        return run == 2 && i == n
    }
}
