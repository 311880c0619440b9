import Testing
@testable import JGPipe

/// D5 (第六十五条) with A = 2024-06-01: the holder's age on A, the lapsing classes, the new licence.
@Suite("D5 classes the age no longer allows")
struct D5Tests {
    static let a = day("2024-06-01")

    func change(_ classes: LicenceClasses, born: String?) -> AgeClassChange? {
        applyD5(classes: classes, birthDate: born.map(day), asOf: Self.a, lapsing: .law)
    }

    @Test("A1+C6 at 59 and at 60: A1 lapses, the new licence is C1 or C2 with C6")
    func a1c6() throws {
        #expect(change([.a1, .c6], born: "1964-06-02") == nil)   // 60 the day after A
        let at60 = try #require(change([.a1, .c6], born: "1964-06-01"))   // 60 on A
        #expect(at60.age == 60 && at60.birthday == day("2024-06-01"))
        #expect(at60.lapsing == [.a1] && at60.kept == [.c6] && at60.smallCarChoice)
        #expect(at60.newClassesText == "C1或C2、C6" && !at60.leavesNoClass)
    }

    @Test("A2 at 60 may keep C6; B2+C1 keeps its C1")
    func a2AndB2() throws {
        let a2 = try #require(change([.a2], born: "1963-01-15"))
        #expect(a2.lapsing == [.a2] && a2.gained == [.c6] && a2.newClassesText == "C1或C2、C6")
        let b2 = try #require(change([.b2, .c1], born: "1963-01-15"))
        #expect(b2.lapsing == [.b2] && !b2.smallCarChoice && b2.newClassesText == "C1")
    }

    @Test("D+E at 70 → F; C6 at 70 → C1 or C2")
    func at70() throws {
        let de = try #require(change([.d, .e], born: "1954-05-31"))
        #expect(de.age == 70 && de.birthday == day("2024-05-31"))
        #expect(de.lapsing == [.d, .e] && de.newClassesText == "F" && !de.leavesNoClass)
        #expect(change([.d, .e], born: "1954-06-02") == nil)      // 69 on A
        let c6 = try #require(change([.c1, .c6], born: "1950-01-01"))
        #expect(c6.lapsing == [.c6] && c6.newClassesText == "C1")
    }

    @Test("only classes the age forbids: no class is left (第七十九条第一款第十项)")
    func onlyLapsing() throws {
        let c3 = try #require(change([.c3], born: "1954-05-01"))
        #expect(c3.age == 70 && c3.birthday == day("2024-05-01") && c3.leavesNoClass)
        let m = try #require(change([.m], born: "1964-01-01"))
        #expect(m.age == 60 && m.birthday == day("2024-01-01") && m.leavesNoClass)
        let c4m = try #require(change([.c4, .m], born: "1950-03-03"))
        #expect(c4m.age == 70 && c4m.leavesNoClass)
        // At 60 M lapses but C3 stays until 70: a notice, not a cancellation.
        let c3m = try #require(change([.c3, .m], born: "1960-03-03"))
        #expect(c3m.age == 60 && c3m.newClassesText == "C3" && !c3m.leavesNoClass)
    }

    @Test("the threshold is the latest one that lapsed a class: a fact per birthday")
    func threshold() throws {
        // 72 with A1 only: A1 lapsed at 60; nothing new at 70.
        #expect(try #require(change([.a1], born: "1952-01-01")).birthday == day("2012-01-01"))
        // 72 with A1 and C6: C6 lapsed at 70.
        #expect(try #require(change([.a1, .c6], born: "1952-01-01")).birthday == day("2022-01-01"))
    }

    @Test("29 February: the birthday is 28 February in other years; unknown age: nothing")
    func leapDay() throws {
        let leap = try #require(change([.b1], born: "1964-02-29"))
        #expect(leap.birthday == day("2024-02-29"))
        #expect(applyD5(classes: [.b1], birthDate: day("1963-02-28"), asOf: day("2023-02-28"), lapsing: .law)?.age == 60)
        #expect(applyD5(classes: [.b1], birthDate: day("1964-02-29"), asOf: day("2025-02-27"), lapsing: .law)?.birthday
            == day("2024-02-29"))
        #expect(change([.b1], born: nil) == nil)
    }
}
