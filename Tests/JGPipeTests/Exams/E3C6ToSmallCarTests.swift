import Testing
@testable import JGPipe

/// E3 (五、一 情形3): 包含C6准驾车型的驾驶证被注销的，申请恢复小型汽车、小型自动挡汽车驾驶资格 —
/// C6 ∈ O and R = {C1} or {C2}.
@Suite struct E3C6ToSmallCarTests {
    @Test(arguments: [
        ("C1C6", "C1", true),
        ("C1C6", "C2", true),
        ("C2C6", "C2", true),
        ("C2C6", "C1", true),          // the notice allows either small-car class
        ("B2C6", "C1", true),
        ("C1C6", "C1C6", false),       // that is E4
        ("C1C6", "C1C2", false),       // two classes
        ("C1C6", "C6", false),
        ("C1", "C1", false),           // no C6 held
        ("C1C6", "B2", false),
    ])
    func table(original: String, requested: String, expected: Bool) throws {
        #expect(matchesE3(original: try classes(original), requested: try classes(requested), sets: defaultSets) == expected)
    }
}
