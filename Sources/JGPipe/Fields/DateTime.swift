/// A date with an optional time of day, e.g. `registered_at` (SPEC §1), which orders "newest" accounts.
public struct DateTime: Hashable, Comparable, Sendable {
    public let date: CalendarDate
    public let secondsOfDay: Int32
    public let hasTime: Bool

    public init(date: CalendarDate, secondsOfDay: Int32? = nil) {
        self.date = date
        self.secondsOfDay = secondsOfDay ?? 0
        self.hasTime = secondsOfDay != nil
    }

    /// The forms of SPEC §0 "Dates" (see `DateText`), with the time kept.
    public init(parsing raw: String) throws(FieldError) {
        let parsed = try DateText.parse(raw)
        self.init(date: parsed.date, secondsOfDay: parsed.secondsOfDay)
    }

    public var sortKey: Int64 {
        Int64(date.dayNumber) * 86400 + Int64(secondsOfDay)
    }

    /// Ordered by `sortKey`; at an equal key a date without a time sorts before the same instant
    /// written with `00:00:00`, so the order stays consistent with `==` (which compares `hasTime` too).
    public static func < (lhs: DateTime, rhs: DateTime) -> Bool {
        let l = lhs.sortKey, r = rhs.sortKey
        return l != r ? l < r : (!lhs.hasTime && rhs.hasTime)
    }

    /// "YYYY-MM-DD" when no time was given, else "YYYY-MM-DD HH:MM:SS" (SPEC §0).
    public var iso: String {
        guard hasTime else { return date.iso }
        let s = Int(secondsOfDay)
        guard (0...9999).contains(date.civil.year) else {
            return date.iso + " " + CalendarDate.padded(s / 3600) + ":" + CalendarDate.padded(s / 60 % 60)
                + ":" + CalendarDate.padded(s % 60)
        }
        return String(unsafeUninitializedCapacity: 19) { writeISO(into: $0) }
    }

    /// `iso` written into `buf` (at least 19 bytes) for years 0–9999; returns the byte count.
    func writeISO(into buf: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let (y, m, d) = date.civil
        CalendarDate.writeISO(y, m, d, into: buf)
        guard hasTime else { return 10 }
        let s = Int(secondsOfDay)
        buf[10] = 0x20
        CalendarDate.put(s / 3600, width: 2, into: buf, at: 11)
        buf[13] = 0x3A
        CalendarDate.put(s / 60 % 60, width: 2, into: buf, at: 14)
        buf[16] = 0x3A
        CalendarDate.put(s % 60, width: 2, into: buf, at: 17)
        return 19
    }
}

extension DateTime: CustomStringConvertible {
    public var description: String { iso }
}
