@testable import JGPipe

/// A date written in a test table, in any form `CalendarDate(parsing:)` accepts.
func day(_ text: String) -> CalendarDate {
    try! CalendarDate(parsing: text)
}

/// The national cutover (五、八): also E for every sample run with as-of 2024-06-01.
let cutover = day("2024-07-01")
