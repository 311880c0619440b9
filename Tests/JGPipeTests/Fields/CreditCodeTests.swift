import Testing
@testable import JGPipe

// Check characters verified independently with python3 (GB 32100 weights, 31 → "0").
@Suite struct CreditCodeTests {
    @Test func knownValidCodes() throws {
        for code in ["91350100M000100Y43", "91110000600001760P", "91440300708461136T", "91310000MA1FL8XQ37",
                     "511100005000000387", "91110000100000000R"] {
            #expect(try CreditCode(code).value == code)
        }
    }

    @Test func remainderZeroMapsToCheckCharacterZero() throws {
        // Σ mod 31 == 0 for these bodies, so 31 − 0 = 31, written "0".
        #expect(try CreditCode("121000004000003980").value == "121000004000003980")
        #expect(try CreditCode("914403007152672630").value == "914403007152672630")
        #expect(try CreditCode("911101000000000040").value == "911101000000000040")
    }

    @Test func normalisedBeforeChecking() throws {
        #expect(try CreditCode(" 91350100m000100y43 ").value == "91350100M000100Y43")
        #expect(try CreditCode("９１３５０１００Ｍ０００１００Ｙ４３").value == "91350100M000100Y43")
        #expect(try CreditCode("91310000ma1fl8xq37").value == "91310000MA1FL8XQ37")
    }

    @Test func wrongCheckCharacter() {
        let error = fieldError { _ = try CreditCode("91350100M000100Y44") }
        #expect(error == FieldError(.invalidCreditCode, "校验位应为 3，实为 4"))
        #expect(fieldError { _ = try CreditCode("121000004000003981") }?.message
            == "校验位应为 0，实为 1")
        #expect(fieldError { _ = try CreditCode("91110000600001760Q") }?.code == .invalidCreditCode)
    }

    @Test func badShapes() {
        for bad in ["", "NULL", "91350100M000100Y4", "91350100M000100Y433", "91350100I000100Y43", "91350100O000100Y43",
                    "91350100Z000100Y43", "91350100S000100Y43", "91350100V000100Y43", "9135010-M000100Y43",
                    "91350100M000100Y4I", "91350100M00010 Y43", "91350100M000100Y4中"] {
            #expect(fieldError { _ = try CreditCode(bad) }?.code == .invalidCreditCode, "\(bad)")
        }
        #expect(fieldError { _ = try CreditCode("") }?.message == "为空")
        #expect(fieldError { _ = try CreditCode("X1") }?.message
            == "X1 应为18位，由 0-9 和 ABCDEFGHJKLMNPQRTUWXY 组成")
    }
}
