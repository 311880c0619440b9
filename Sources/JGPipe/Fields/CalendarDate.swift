/// A day in the proleptic Gregorian calendar, stored as days since 1970-01-01 so comparing and
/// adding days is integer arithmetic (SPEC §0 "Dates").
public struct CalendarDate: Hashable, Comparable, Sendable {
    public let dayNumber: Int32

    public init(dayNumber: Int32) {
        self.dayNumber = dayNumber
    }

    /// nil for impossible dates (month 13, 30 February, 29 February outside leap years) and for
    /// years outside 1...9999, which the four-digit text forms cannot express.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.dayNumber = Int32(CalendarDate.days(year: year, month: month, day: day))
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// "YYYY-MM-DD"; written once per date column per output row, hence no formatter.
    public var iso: String {
        let (y, m, d) = civil
        guard (0...9999).contains(y) else {
            return "\(y)-" + CalendarDate.padded(m) + "-" + CalendarDate.padded(d)
        }
        return String(unsafeUninitializedCapacity: 10) { buf in
            CalendarDate.writeISO(y, m, d, into: buf)
            return 10
        }
    }

    /// SPEC §0: adding years to 29 February lands on 28 February in a non-leap year.
    public func adding(years: Int) -> CalendarDate {
        let (y, m, d) = civil
        let newYear = y + years
        let newDay = min(d, CalendarDate.daysIn(month: m, year: newYear))
        return CalendarDate(dayNumber: Int32(CalendarDate.days(year: newYear, month: m, day: newDay)))
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: Int32(Int(dayNumber) + days))
    }

    /// The largest `n` with `adding(years: n) <= later`: whole years of age on `later`.
    /// Consistent with `adding(years:)` (SPEC §0): someone born on 29 February has an anniversary on
    /// 28 February in non-leap years, so 2020-02-29 → 2022-02-28 counts 2 full years (→ 2022-02-27 counts 1).
    /// Negative when `later` precedes `self` by a year or more.
    public func fullYears(until later: CalendarDate) -> Int {
        var n = later.year - year
        if adding(years: n) > later { n -= 1 }
        return n
    }

    // MARK: - Calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days)

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    var civil: (year: Int, month: Int, day: Int) {
        let z = Int(dayNumber) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Writes "YYYY-MM-DD" into the first 10 bytes of `buf`; `y` must be in 0...9999.
    static func writeISO(_ y: Int, _ m: Int, _ d: Int, into buf: UnsafeMutableBufferPointer<UInt8>) {
        put(y, width: 4, into: buf, at: 0)
        buf[4] = 0x2D
        put(m, width: 2, into: buf, at: 5)
        buf[7] = 0x2D
        put(d, width: 2, into: buf, at: 8)
    }

    /// Zero-padded decimal digits of a non-negative value that fits in `width`.
    static func put(_ value: Int, width: Int, into buf: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var v = value
        for k in stride(from: offset + width - 1, through: offset, by: -1) {
            buf[k] = UInt8(truncatingIfNeeded: v % 10) &+ ASCII.zero
            v /= 10
        }
    }

    static func padded(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension CalendarDate: CustomStringConvertible {
    public var description: String { iso }
}

extension CalendarDate {
    /// SPEC §0 "Dates": see `DateText` for the accepted forms; a time part is validated and dropped.
    public init(parsing raw: String) throws(FieldError) {
        self = try DateText.parse(raw).date
    }
}
