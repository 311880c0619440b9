/// SPEC §7: the age of a holder on a date, in full years from the birth date (29 February →
/// 28 February in other years, §0); nil when the birth date is unknown (`age_unknown`).
func holderAge(born: CalendarDate?, on date: CalendarDate) -> Int? {
    born.map { $0.fullYears(until: date) }
}

extension IdentityNumber {
    /// SPEC §7: a type-A number carries its holder's birth date in positions 7–14 (GB 11643, checked
    /// real when the number was read); other documents carry none.
    public var birthDate: CalendarDate? {
        guard type == "A" else { return nil }
        let digits = Array(number.utf8)
        guard digits.count == 18 else { return nil }
        func value(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + ASCII.digitValue($1) } }
        return CalendarDate(year: value(6..<10), month: value(10..<12), day: value(12..<14))
    }
}
