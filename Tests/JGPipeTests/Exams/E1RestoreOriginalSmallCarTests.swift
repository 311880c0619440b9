import Testing
@testable import JGPipe

/// E1 (五、一 情形1): 小型汽车驾驶证被注销的，申请恢复原准驾车型 — R ⊆ O ∩ S, S = {C1, C2}.
@Suite struct E1RestoreOriginalSmallCarTests {
    @Test(arguments: [
        ("C1", "C1", true),
        ("C2", "C2", true),
        ("C1C2", "C2", true),
        ("C1C2", "C1C2", true),
        ("C1D", "C1", true),           // a motorcycle class held but not requested
        ("A1C1", "C1", true),          // E1 matches; E2 takes precedence in the path
        ("C2", "C1", false),           // upgrade C2 → C1: not the original class
        ("C1", "C2", false),           // C2 was not held
        ("C1", "C1C6", false),         // C6 not held
        ("C1", "C1D", false),          // D not a small-car class
        ("B2", "C1", false),           // no small-car class held
        ("C1C5", "C1C5", false),       // C5 is outside S
    ])
    func table(original: String, requested: String, expected: Bool) throws {
        #expect(matchesE1(original: try classes(original), requested: try classes(requested), sets: defaultSets) == expected)
    }

    @Test func emptyRequestNeverMatches() {
        #expect(!matchesE1(original: .c1, requested: [], sets: defaultSets))
    }

    @Test func smallCarSetFromSettings() {
        let onlyC1 = ExamClassSets(smallCar: .c1)
        #expect(matchesE1(original: .c1, requested: .c1, sets: onlyC1))
        #expect(!matchesE1(original: .c2, requested: .c2, sets: onlyC1))
    }
}
