import Testing
@testable import JGPipe

/// E2 (五、一 情形2): 大中型客货车驾驶证被注销的，申请恢复小型汽车驾驶资格 — O ∩ L ≠ ∅ and R = {C1}.
@Suite struct E2LargeToSmallCarTests {
    @Test(arguments: [
        ("B2", "C1", true),
        ("A1", "C1", true),
        ("A2D", "C1", true),
        ("B1C1", "C1", true),
        ("A3", "C1", true),
        ("B2", "C2", false),           // the notice names 小型汽车 (C1) only
        ("B2", "C1C6", false),
        ("B2", "B2", false),
        ("C1", "C1", false),           // no large class held
        ("C6", "C1", false),
        ("B2", "C1C2", false),
    ])
    func table(original: String, requested: String, expected: Bool) throws {
        #expect(matchesE2(original: try classes(original), requested: try classes(requested), sets: defaultSets) == expected)
    }
}
