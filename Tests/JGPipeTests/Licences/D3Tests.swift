import Testing
@testable import JGPipe

/// D3 with A = 2024-06-01 and C = 2024-05-10 (due 2024-06-09). Holders' identity numbers carry
/// their birth dates (GB 11643 check characters computed by hand with the weights of SPEC §0).
@Suite("D3 licence medical certificate")
struct D3Tests {
    static let a = day("2024-06-01")
    static let c = day("2024-05-10")
    static let large: LicenceClasses = [.a1, .a2, .a3, .b1, .b2]

    func medical(_ classes: LicenceClasses, _ holder: IdentityNumber, lastMedical: String? = nil,
                 cycleEnd: CalendarDate? = c) -> LicenceNoticeDecision? {
        applyD3(classes: classes, medicalClasses: Self.large, holder: holder, medicalAge: 70,
                         cycleEnd: cycleEnd, lastMedicalOn: lastMedical.map(day), asOf: Self.a)
    }

    func person(_ number: String) throws -> IdentityNumber { try IdentityNumber(type: "", number: number) }

    @Test("age 70 on C, from the identity number's birth date")
    func age() throws {
        let due = LicenceNoticeDecision(type: .licenceMedicalDue, dueOn: day("2024-06-09"))
        // Born 1954-05-09: 70th birthday the day before C → 70 on C.
        #expect(medical([.c1], try person("440106195405090015")) == due)
        // Born 1954-05-10: 70 on C itself.
        #expect(medical([.c1], try person("440106195405100025")) == due)
        // Born 1954-05-11: 70th birthday the day after C → 69 on C, though 70 on A.
        #expect(medical([.c1], try person("440106195405110039")) == nil)
        // Young, but a large class.
        #expect(medical([.b2], try person("440106198001010043")) == due)
        // A passport carries no birth date: only the class counts.
        #expect(medical([.c1], try IdentityNumber(type: "P", number: "E12345678")) == nil)
    }

    @Test("certificate submitted, overdue, no cycle")
    func dates() throws {
        let old = try person("440106195405090015")
        #expect(medical([.c1], old, lastMedical: "2024-05-10") == nil)
        #expect(medical([.c1], old, lastMedical: "2024-05-09") == .init(type: .licenceMedicalDue, dueOn: day("2024-06-09")))
        // C = 2024-04-15 → due 2024-05-15 < A.
        #expect(medical([.a1], old, cycleEnd: day("2024-04-15")) == .init(type: .licenceMedicalOverdue, dueOn: day("2024-05-15")))
        #expect(medical([.a1], old, cycleEnd: nil) == nil)
    }

    @Test("birth date of a type-A number, 15-digit form included")
    func birthDate() throws {
        #expect(try person("440106195405090015").birthDate == day("1954-05-09"))
        // 15 digits 440106540509001 → 440106 19 540509 001 + check = 440106195405090015.
        #expect(try person("440106540509001").birthDate == day("1954-05-09"))
    }
}
