import Testing
@testable import JGPipe

/// D3 with A = 2024-06-01 and C = 2024-05-10 (due 2024-06-09), 第七十四条. Holders' identity
/// numbers carry their birth dates (GB 11643 check characters computed by hand, SPEC §0).
@Suite("D3 licence medical certificate")
struct D3Tests {
    static let a = day("2024-06-01")
    static let c = day("2024-05-10")

    func medical(_ classes: LicenceClasses, age: Int?, cycle: Int = 14, lastMedical: String? = nil,
                 cycleEnd: CalendarDate = c, medicalClasses: LicenceClasses = []) -> LicenceNoticeDecision? {
        applyD3(classes: classes, medicalClasses: medicalClasses, ageOnCycleEnd: age, medicalAge: 70, cycleNumber: cycle,
                c5Cycles: 3, cycleEnd: cycleEnd, lastMedicalOn: lastMedical.map(day), asOf: Self.a)
    }

    func person(_ number: String) throws -> IdentityNumber { try IdentityNumber(type: "", number: number) }

    static func due(_ reason: LicenceNoticeReason) -> LicenceNoticeDecision {
        .init(type: .licenceMedicalDue, dueOn: day("2024-06-09"), reason: reason)
    }

    @Test("70 on C, from the identity number: the day before, on and after C")
    func age() throws {
        // Born 1954-05-09: 70th birthday the day before C → 70 on C.
        let before = holderAge(born: try person("440106195405090015").birthDate, on: Self.c)
        // Born 1954-05-10: 70 on C itself.
        let on = holderAge(born: try person("440106195405100025").birthDate, on: Self.c)
        // Born 1954-05-11: 70th birthday the day after C → 69 on C, though 70 on A.
        let after = holderAge(born: try person("440106195405110039").birthDate, on: Self.c)
        #expect([before, on, after] == [70, 70, 69])
        #expect(medical([.c1], age: before) == Self.due(.age(70)))
        #expect(medical([.c1], age: on) == Self.due(.age(70)))
        #expect(medical([.c1], age: after) == nil)
    }

    @Test("A and B classes owe no certificate of their own (第七十四条第三款); an operator may list classes")
    func largeClasses() {
        #expect(medical([.b2], age: 44) == nil)
        #expect(medical([.a1, .a2], age: 59) == nil)
        #expect(medical([.b2], age: 44, medicalClasses: [.b2]) == Self.due(.medicalClass))
    }

    @Test("C5 every three cycles (第七十四条第二款)")
    func c5() {
        #expect(medical([.c5], age: 40, cycle: 2) == nil)
        #expect(medical([.c5], age: 40, cycle: 3) == Self.due(.c5Cycle(3)))
        #expect(medical([.c5], age: 40, cycle: 4) == nil)
        #expect(medical([.c5], age: 40, cycle: 6) == Self.due(.c5Cycle(6)))
        #expect(medical([.c5], age: nil, cycle: 3) == Self.due(.c5Cycle(3)))
        // 70 or more and C5: one notice, the age named.
        #expect(medical([.c5], age: 71, cycle: 3) == Self.due(.age(71)))
    }

    @Test("an unknown age triggers nothing")
    func unknownAge() {
        #expect(medical([.c1], age: nil) == nil)
    }

    @Test("certificate submitted, overdue")
    func dates() throws {
        #expect(medical([.c1], age: 70, lastMedical: "2024-05-10") == nil)
        #expect(medical([.c1], age: 70, lastMedical: "2024-05-09") == Self.due(.age(70)))
        // C = 2024-04-15 → due 2024-05-15 < A.
        #expect(medical([.c1], age: 75, cycleEnd: day("2024-04-15"))
            == .init(type: .licenceMedicalOverdue, dueOn: day("2024-05-15"), reason: .age(75)))
    }

    @Test("birth date of a type-A number, 15-digit form included; other documents carry none")
    func birthDate() throws {
        #expect(try person("440106195405090015").birthDate == day("1954-05-09"))
        // 15 digits 440106540509001 → 440106 19 540509 001 + check = 440106195405090015.
        #expect(try person("440106540509001").birthDate == day("1954-05-09"))
        #expect(try IdentityNumber(type: "P", number: "E12345678").birthDate == nil)
    }
}
