import Testing
@testable import JGPipe

/// 第七十九条第一款第九项: no certificate within a year after a D3 cycle end C′.
@Suite("licence cancellation: no medical certificate")
struct CancellationTests {
    /// First issued 2000-03-10: cycle ends on every 10 March. Born 1953-03-01: 70 on 2023-03-10,
    /// the first D3 cycle end C′; C′ + 1 year = 2024-03-10.
    func since(asOf: String, lastMedical: String? = nil, classes: LicenceClasses = [.c1],
               born: String? = "1953-03-01") -> CalendarDate? {
        noMedicalCertificateSince(firstIssuedOn: day("2000-03-10"), classes: classes, birthDate: born.map(day),
                                  lastMedicalOn: lastMedical.map(day), medicalAge: 70, c5Cycles: 3, asOf: day(asOf))
    }

    @Test("a year −1, 0 and +1 day after C′")
    func boundary() {
        #expect(since(asOf: "2024-03-09") == nil)
        #expect(since(asOf: "2024-03-10") == nil)
        #expect(since(asOf: "2024-03-11") == day("2024-03-11"))
    }

    @Test("a certificate on or after C′ moves the duty to the next cycle")
    func submitted() {
        #expect(since(asOf: "2024-06-01", lastMedical: "2023-03-10") == nil)
        #expect(since(asOf: "2025-03-11", lastMedical: "2023-03-10") == day("2025-03-11"))
        #expect(since(asOf: "2024-06-01", lastMedical: "2023-03-09") == day("2024-03-11"))
    }

    @Test("under 70 or unknown age: none; C5 every third cycle whatever the age")
    func whoOwes() {
        #expect(since(asOf: "2024-06-01", born: "1960-01-01") == nil)
        #expect(since(asOf: "2024-06-01", born: nil) == nil)
        // C5: the 3rd cycle ends 2003-03-10, owed by 2004-03-10.
        #expect(since(asOf: "2024-06-01", classes: [.c5], born: "1980-01-01") == day("2004-03-11"))
        #expect(since(asOf: "2024-06-01", lastMedical: "2023-03-10", classes: [.c5], born: nil) == nil)
        // The 24th cycle (2024-03-10) is not a year past.
        #expect(since(asOf: "2024-06-01", lastMedical: "2021-03-10", classes: [.c5], born: nil) == nil)
        #expect(since(asOf: "2025-03-11", lastMedical: "2021-03-10", classes: [.c5], born: nil) == day("2025-03-11"))
    }

    @Test("articles of the reasons")
    func articles() {
        #expect(CancellationReason.allCases.map(\.article)
            == ["第七十九条第一款第八项", "第七十九条第一款第九项", "第七十九条第一款第十项"])
    }
}
