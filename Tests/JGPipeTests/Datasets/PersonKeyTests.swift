import Testing
@testable import JGPipe

@Suite("Person keys") struct PersonKeyTests {
    func key(_ type: String, _ number: String) throws -> UInt64 {
        PersonKey.of(try IdentityNumber(type: type, number: number))
    }

    @Test func aFifteenDigitNumberIsTheSamePersonAsItsEighteenDigitForm() throws {
        // 440106680412123 → 440106 19 680412123 + check character 1 (computed by hand with the
        // GB 11643 weights), the legal person of the GB18030 samples.
        #expect(try key("", "440106680412123") == key("A", "440106196804121231"))
        #expect(try key("A", "440106196804121231") == key("居民身份证", "440106196804121231"))
    }

    @Test func typeAKeysPackTheNumberExactly() throws {
        // 17 digits × 11 + check value: X is 10.
        #expect(try key("A", "11010519491231002X") == 11_010_519_491_231_002 * 11 + 10)
        #expect(try key("A", "440106196804121231") == 44_010_619_680_412_123 * 11 + 1)
    }

    @Test func otherDocumentTypesAreKeptApartFromTypeAAndFromEachOther() throws {
        let passport = try key("F", "E12345678")
        #expect(passport >> 63 == 1)
        #expect(try key("F", "E12345679") != passport)
        #expect(try key("G", "E12345678") != passport)
        #expect(try key("A", "440106196804121231") >> 63 == 0)
    }
}
