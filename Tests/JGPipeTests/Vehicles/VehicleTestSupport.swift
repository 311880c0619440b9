@testable import JGPipe

/// A date from its ISO text, for hand-written expectations.
func day(_ iso: String) -> CalendarDate {
    try! CalendarDate(parsing: iso)
}

/// The effective date of every sample and most rule tests: as-of 2024-06-01 → E = cutover 2024-07-01.
let cutover = day("2024-07-01")
