import Testing
@testable import JGPipe

/// V1: at least one vehicle per row of the default table (SPEC §3, article 5 of the 2012
/// standard), each registered on 2014-03-15 so the expected scrap date is 2014 + years, worked out
/// by hand from the SPEC's list; no limit (years = 0, or no row) gives nil.
@Suite("V1 scrap date")
struct V1ScrapDateTests {
    static let registered = day("2014-03-15")

    /// (vehicle type, use nature, expected scrap_on or nil, the SPEC row it exercises).
    static let cases: [(String, String, String?, String)] = [
        ("H31", "R", "2024-03-15", "1 R any 10: dangerous-goods truck, 2014 + 10"),
        ("B11", "R", "2024-03-15", "1 R any 10: dangerous-goods semi-trailer, before 'any B 15'"),
        ("K11", "D", "2026-03-15", "2 D,T,M,U K1 12: large taxi, 2014 + 12"),
        ("K12", "M", "2026-03-15", "2 D,T,M,U K1 12: taxi converted to non-operating (M) keeps 12"),
        ("K16", "D", "2026-03-15", "2 D,T,M,U K1 12: a large-sedan taxi matches K1 before 'any K16'"),
        ("K21", "T", "2024-03-15", "3 D,T,M,U K2 10: medium ride-hailing car, 2014 + 10"),
        ("K22", "U", "2024-03-15", "3 D,T,M,U K2 10: ride-hailing converted (U) keeps 10"),
        ("K33", "D", "2022-03-15", "4 D,T,M,U K3,K4 8: small taxi, 2014 + 8"),
        ("K41", "T", "2022-03-15", "4 D,T,M,U K3,K4 8: micro ride-hailing car"),
        ("K33", "M", "2022-03-15", "4 D,T,M,U K3,K4 8: small taxi converted (M) keeps 8"),
        ("K43", "U", "2022-03-15", "4 D,T,M,U K3,K4 8: micro ride-hailing converted (U)"),
        ("K33", "G", "2029-03-15", "5 G K 15: rental car, 2014 + 15"),
        ("K11", "G", "2029-03-15", "5 G K 15: large rental coach"),
        ("K11", "N", "2029-03-15", "6 N K1 15: large training coach"),
        ("K21", "N", "2026-03-15", "7 N K2 12: medium training coach, 2014 + 12"),
        ("K33", "N", "2024-03-15", "8 N K3,K4 10: small training car"),
        ("K11", "C", "2027-03-15", "9 C any 13: bus, 2014 + 13"),
        ("K12", "S", "2029-03-15", "10 O,P,Q,S any 15: school bus S"),
        ("K21", "O", "2029-03-15", "10 O,P,Q,S any 15: school bus O"),
        ("K11", "B", "2029-03-15", "11 B,E,L K1,K2 15: highway coach"),
        ("K21", "L", "2029-03-15", "11 B,E,L K1,K2 15: operating converted to non-operating (L) keeps 15"),
        ("K33", "E", "2024-03-15", "12 B,E,L K3,K4 10: small tourist car"),
        ("K33", "L", "2024-03-15", "12 B,E,L K3,K4 10: small car converted (L) keeps 10"),
        ("K16", "A", nil, "13 any K16 0: non-operating large sedan, no limit (not the 20 of row 14)"),
        ("K16", "F", nil, "13 any K16 0: whatever the use nature"),
        ("K11", "A", "2034-03-15", "14 any K1,K2 20: non-operating large coach, 2014 + 20"),
        ("K21", "F", "2034-03-15", "14 any K1,K2 20: medium coach of another use"),
        ("H41", "F", "2026-03-15", "15 any H4 12: micro truck, before 'any H,Q 15'"),
        ("H51", "F", "2026-03-15", "16 any H5 12: low-speed truck"),
        ("H11", "F", "2029-03-15", "17 any H,Q 15: heavy truck"),
        ("Q11", "F", "2029-03-15", "17 any H,Q 15: tractor"),
        ("N11", "F", "2023-03-15", "18 any N 9: three-wheeled car, 2014 + 9"),
        ("G11", "F", "2024-03-15", "19 any G 10: full trailer"),
        ("B15", "F", "2034-03-15", "20 any B15,B25,B35 20: heavy container semi-trailer"),
        ("B25", "F", "2034-03-15", "20: medium container semi-trailer"),
        ("B35", "F", "2034-03-15", "20: light container semi-trailer"),
        ("B11", "F", "2029-03-15", "21 any B 15: other semi-trailer"),
        ("Z11", "F", "2044-03-15", "22 any Z 30: special-purpose vehicle, 2014 + 30"),
        ("M11", "A", "2026-03-15", "23 any M11..M14 12: three-wheeled motorcycle"),
        ("M14", "A", "2026-03-15", "23 any M11..M14 12 (M14)"),
        ("M21", "A", "2027-03-15", "24 any M 13: two-wheeled motorcycle, 2014 + 13"),
        ("M15", "A", "2027-03-15", "24 any M 13: sidecar motorcycle is not 正三轮"),
        ("K33", "A", nil, "no row: non-operating small car"),
        ("K43", "A", nil, "no row: non-operating micro car"),
        ("K39", "A", nil, "no row: non-operating small van"),
        ("K33", "F", nil, "no row: small car of use F"),
    ]

    @Test("each row of the default table, and vehicles no row matches", arguments: cases)
    func defaultTable(_ c: (String, String, String?, String)) {
        let scrapOn = applyV1(registeredOn: Self.registered, vehicleType: c.0, useNature: c.1, table: .defaults)
        #expect(scrapOn?.iso == c.2, "\(c.3)")
    }

    @Test("the default table is the SPEC's 24 rows; every row is reached by a case above")
    func everyRowCovered() throws {
        let table = ScrapTable.defaults
        #expect(table.rows.count == 24)
        let reached = Set(Self.cases.compactMap { c in
            table.rows.firstIndex { $0.matches(vehicleType: c.0, useNature: c.1) }
        })
        #expect(reached == Set(0..<24))
    }

    @Test("the first matching row wins: R (10) comes before D,T K1 (12) and any K1,K2 (20)")
    func firstMatchWins() {
        #expect(applyV1(registeredOn: Self.registered, vehicleType: "K11", useNature: "R", table: .defaults) == day("2024-03-15"))
        // H41 matches "any H4" (12) before "any H,Q" (15).
        #expect(ScrapTable.defaults.serviceLife(vehicleType: "H41", useNature: "A") == 12)
    }

    @Test("years = 0 stops the search: no limit, even when a later row would match")
    func zeroYears() {
        let table = ScrapTable(rows: [.init(useNatures: [], vehicleTypes: ["K16"], years: 0),
                                      .init(useNatures: [], vehicleTypes: ["K1"], years: 20)])
        #expect(table.serviceLife(vehicleType: "K16", useNature: "A") == nil)
        #expect(table.serviceLife(vehicleType: "K11", useNature: "A") == 20)
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
