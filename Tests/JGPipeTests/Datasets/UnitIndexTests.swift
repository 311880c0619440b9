import Testing
@testable import JGPipe

@Suite("Unit index") struct UnitIndexTests {
    // Valid GB 32100 codes from the samples (check characters computed by hand there).
    let codes = ["91440106MA5UA00013", "91440305MA5UA00022", "91310115MA5UA00037"]

    @Test func findsEveryUnitByItsCode() {
        let index = UnitIndex(codes: codes)
        #expect(index["91440106MA5UA00013"] == 0)
        #expect(index["91440305MA5UA00022"] == 1)
        #expect(index["91310115MA5UA00037"] == 2)
    }

    @Test func codesThatDifferOrCannotBeCreditCodesAreUnknown() {
        let index = UnitIndex(codes: codes)
        #expect(index["91440106MA5UA00014"] == nil)   // one character off
        #expect(index["91440106MA5UA0001"] == nil)    // 17 characters
        #expect(index["91440106MA5UA00013X"] == nil)  // 19 characters
        // Outside the GB 32100 alphabet: I, O, S, V, Z, lower case, the bytes between 9 and A.
        for outside in ["I", "O", "S", "V", "Z", "a", ":", "@", "/"] {
            #expect(index["91440106MA5UA0001" + outside] == nil)
        }
        #expect(index[""] == nil)
    }

    @Test func manyUnitsAllFound() {
        // Codes sharing all but their last characters: the packed form keeps every character.
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let many = (0..<5000).map { i in
            "9144010600000" + String([alphabet[i / 961 % 31], alphabet[i / 31 % 31], alphabet[i % 31]]) + "00"
        }
        let index = UnitIndex(codes: many)
        #expect(many.indices.allSatisfy { index[many[$0]] == Int32($0) })
    }
}
