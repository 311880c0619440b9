import Testing
@testable import JGPipe

/// V1: one vehicle per row of the default table (SPEC §3), each registered on 2014-03-15 so the
/// expected scrap date is 2014 + years, worked out by hand from the SPEC's list.
@Suite("V1 scrap date")
struct V1ScrapDateTests {
    static let registered = day("2014-03-15")

    /// (vehicle type, use nature, expected scrap_on or nil, the SPEC row it exercises).
    static let cases: [(String, String, String?, String)] = [
        ("H31", "R", "2024-03-15", "R any 10"),
        ("K11", "D", "2026-03-15", "D,T K1 12"),
        ("K21", "T", "2024-03-15", "D,T K2 10"),
        ("K33", "D", "2022-03-15", "D,T K3,K4 8"),
        ("K41", "T", "2022-03-15", "D,T K3,K4 8 (micro)"),
        ("K33", "G", "2029-03-15", "G K 15"),
        ("K11", "N", "2029-03-15", "N K1 15"),
        ("K21", "N", "2026-03-15", "N K2 12"),
        ("K33", "N", "2024-03-15", "N K3,K4 10"),
        ("K11", "C", "2027-03-15", "C any 13"),
        ("K12", "S", "2029-03-15", "O,P,Q,S any 15"),
        ("K21", "O", "2029-03-15", "O,P,Q,S any 15 (O)"),
        ("K11", "B", "2029-03-15", "B,E K1,K2 15"),
        ("K33", "E", "2024-03-15", "B,E K3,K4 10"),
        ("K11", "A", "2034-03-15", "any K1,K2 20"),
        ("H41", "F", "2026-03-15", "any H4 12"),
        ("H11", "F", "2029-03-15", "any H,Q 15 (H)"),
        ("Q11", "F", "2029-03-15", "any H,Q 15 (Q)"),
        ("N11", "F", "2023-03-15", "any N 9"),
        ("M11", "A", "2026-03-15", "any M11..M14 12"),
        ("M14", "A", "2026-03-15", "any M11..M14 12 (M14)"),
        ("M21", "A", "2027-03-15", "any M 13"),
        ("K33", "A", nil, "non-operating small car: no row"),
        ("K43", "A", nil, "non-operating micro car: no row"),
        ("K33", "F", nil, "small car of use F: no row"),
    ]

    @Test("each row of the default table, and vehicles no row matches", arguments: cases)
    func defaultTable(_ c: (String, String, String?, String)) {
        let scrapOn = applyV1(registeredOn: Self.registered, vehicleType: c.0, useNature: c.1, table: .defaults)
        #expect(scrapOn?.iso == c.2, "\(c.3)")
    }

    @Test("the first matching row wins: R (10) comes before D,T K1 (12) and any K1,K2 (20)")
    func firstMatchWins() {
        #expect(applyV1(registeredOn: Self.registered, vehicleType: "K11", useNature: "R", table: .defaults) == day("2024-03-15"))
        // H41 matches "any H4" (12) before "any H,Q" (15).
        #expect(ScrapTable.defaults.serviceLife(vehicleType: "H41", useNature: "A") == 12)
    }

    @Test("29 February plus the service life lands on 28 February in a non-leap year")
    func leapDay() {
        #expect(applyV1(registeredOn: day("2016-02-29"), vehicleType: "K33", useNature: "D", table: .defaults) == day("2024-02-29"))
        #expect(applyV1(registeredOn: day("2016-02-29"), vehicleType: "K33", useNature: "N", table: .defaults) == day("2026-02-28"))
    }

    @Test("a table from the pipeline file replaces the defaults")
    func customTable() {
        let table = ScrapTable(rows: [.init(useNatures: ["A"], vehicleTypes: ["K3"], years: 25)])
        #expect(applyV1(registeredOn: Self.registered, vehicleType: "K33", useNature: "A", table: table) == day("2039-03-15"))
        #expect(applyV1(registeredOn: Self.registered, vehicleType: "K11", useNature: "D", table: table) == nil)
    }
}
