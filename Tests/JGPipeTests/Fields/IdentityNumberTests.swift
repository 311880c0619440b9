import Testing
@testable import JGPipe

// Check characters below were computed independently (python3, GB 11643 weights), not by the code under test.
@Suite struct IdentityNumberTests {
    @Test func validEighteenCharacterNumbers() throws {
        let a = try IdentityNumber(type: "A", number: "440524198001010013")
        #expect(a.type == "A")
        #expect(a.number == "440524198001010013")
        #expect(try IdentityNumber(type: "", number: "513430197001010038").number == "513430197001010038")
    }

    @Test func checkCharacterX() throws {
        #expect(try IdentityNumber(type: "A", number: "11010519491231002X").number == "11010519491231002X")
        #expect(try IdentityNumber(type: "A", number: "31011519851012453X").number == "31011519851012453X")
    }

    @Test func lowerCaseXIsUpperCased() throws {
        #expect(try IdentityNumber(type: "A", number: "11010519491231002x").number == "11010519491231002X")
    }

    @Test func fullWidthDigitsAndSpaces() throws {
        let id = try IdentityNumber(type: "Ａ", number: "\u{3000}１１０１０５１９４９１２３１００２ｘ ")
        #expect(id == (try IdentityNumber(type: "A", number: "11010519491231002X")))
    }

    @Test func emptyOrResidentCardTypeMeansA() throws {
        let expected = try IdentityNumber(type: "A", number: "440524198001010013")
        #expect(try IdentityNumber(type: "", number: "440524198001010013") == expected)
        #expect(try IdentityNumber(type: "居民身份证", number: "440524198001010013") == expected)
        #expect(try IdentityNumber(type: " a ", number: "440524198001010013") == expected)
        #expect(try IdentityNumber(type: "NULL", number: "440524198001010013") == expected)
    }

    @Test func fifteenDigitNumbersAreConverted() throws {
        let legacy = try IdentityNumber(type: "A", number: "110105491231002")
        #expect(legacy.number == "11010519491231002X")
        #expect(legacy == (try IdentityNumber(type: "", number: "11010519491231002X")))
        #expect(try IdentityNumber(type: "A", number: "440524800101001").number == "440524198001010013")
        #expect(try IdentityNumber(type: "A", number: "320311770706001").number == "320311197707060018")
        var keys = Set<IdentityNumber>()
        keys.insert(try IdentityNumber(type: "A", number: "440524800101001"))
        keys.insert(try IdentityNumber(type: "", number: "440524198001010013"))
        #expect(keys.count == 1)
    }

    @Test func fifteenDigitNumbersWithNonDigitsOrBadDates() {
        #expect(fieldError { _ = try IdentityNumber(type: "A", number: "11010549123100X") }?.code == .invalidID)
        // 1949-02-30 does not exist.
        let error = fieldError { _ = try IdentityNumber(type: "A", number: "110105490230002") }
        #expect(error?.code == .invalidID)
        #expect(error?.message == "110105490230002 的出生日期 19490230 不是真实日期")
    }

    @Test func wrongCheckCharacter() {
        let error = fieldError { _ = try IdentityNumber(type: "A", number: "110105194912310021") }
        #expect(error == FieldError(.invalidID, "校验位应为 X，实为 1"))
        #expect(fieldError { _ = try IdentityNumber(type: "A", number: "440524198001010014") }?.code == .invalidID)
        #expect(fieldError { _ = try IdentityNumber(type: "A", number: "44052419800101001X") }?.code == .invalidID)
    }

    @Test func leapDayBirthDates() throws {
        #expect(try IdentityNumber(type: "A", number: "110105200002290013").number == "110105200002290013")
        // 1999 is not a leap year; the check character 6 is right, so only the date fails.
        let error = fieldError { _ = try IdentityNumber(type: "A", number: "440304199902291236") }
        #expect(error == FieldError(.invalidID, "440304199902291236 的出生日期 19990229 不是真实日期"))
    }

    @Test func badShapes() {
        for bad in ["", "NULL", "1101051949123100", "1101051949123100211", "11010519491231002Y", "1101051949123100X2",
                    "11010519491231002 X", "A10105194912310021"] {
            #expect(fieldError { _ = try IdentityNumber(type: "A", number: bad) }?.code == .invalidID, "\(bad)")
        }
        #expect(fieldError { _ = try IdentityNumber(type: "A", number: "") }?.message == "为空")
        #expect(fieldError { _ = try IdentityNumber(type: "A", number: "12345") }?.message
            == "12345 为5位，应为18位（旧号码15位）")
        // Month 13 is not a date.
        #expect(fieldError { _ = try IdentityNumber(type: "A", number: "110105194913310020") }?.code == .invalidID)
    }

    @Test func otherTypesNeedOnlyPrintableText() throws {
        let passport = try IdentityNumber(type: "b", number: " e12345678 ")
        #expect(passport.type == "B")
        #expect(passport.number == "E12345678")
        let permit = try IdentityNumber(type: "H", number: "Ｈ０１２３４５６７")
        #expect(permit.number == "H01234567")
        #expect(try IdentityNumber(type: "护照", number: "G 1234567").number == "G 1234567")
        // The same digits under another type are another person.
        #expect(try IdentityNumber(type: "B", number: "440524198001010013") != (try IdentityNumber(type: "A", number: "440524198001010013")))
    }

    @Test func otherTypesRejectEmptyAndControlCharacters() {
        #expect(fieldError { _ = try IdentityNumber(type: "B", number: "") }?.code == .invalidID)
        #expect(fieldError { _ = try IdentityNumber(type: "B", number: " NULL ") }?.code == .invalidID)
        #expect(fieldError { _ = try IdentityNumber(type: "B", number: "E12\u{0}345") }?.code == .invalidID)
        #expect(fieldError { _ = try IdentityNumber(type: "B", number: "E12\u{7F}345") }?.code == .invalidID)
        #expect(fieldError { _ = try IdentityNumber(type: "B", number: "E12\n345") }?.code == .invalidID)
    }
}
