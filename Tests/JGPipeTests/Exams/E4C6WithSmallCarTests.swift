import Testing
@testable import JGPipe

/// E4 (五、一 情形4): 包含C6准驾车型的驾驶证被注销的，申请恢复C1、C6准驾车型或者C2、C6准驾车型 —
/// C6 ∈ O and R = {C1, C6} or {C2, C6}; C6 comes back automatically.
@Suite struct E4C6WithSmallCarTests {
    @Test(arguments: [
        ("C1C6", "C1C6", true),
        ("C2C6", "C2C6", true),
        ("C2C6", "C1C6", true),
        ("B2C6", "C1C6", true),
        ("C1C6", "C1,C6", true),
        ("C1", "C1C6", false),         // adding C6 that was not held
        ("C1C6", "C1C2C6", false),
        ("C1C6", "C6", false),
        ("C1C6", "C1", false),         // that is E3
        ("C1C6", "C6D", false),
    ])
    func table(original: String, requested: String, expected: Bool) throws {
        #expect(matchesE4(original: try classes(original), requested: try classes(requested), sets: defaultSets) == expected)
    }

    @Test func autoRestoresC6() throws {
        let decision = examPath(scope: .longOverdue, original: try classes("C1C6"), requested: try classes("C1C6"),
                                hasExclusion: false, sets: defaultSets)
        #expect(decision.autoRestore == .c6)
        #expect(decision.autoRestore.description == "C6")
    }
}
