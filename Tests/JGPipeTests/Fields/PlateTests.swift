import Testing
@testable import JGPipe

@Suite struct PlateTests {
    @Test func ordinarySevenCharacterPlates() throws {
        #expect(try Plate("粤A12345").value == "粤A12345")
        #expect(try Plate("京AB1234").value == "京AB1234")
        #expect(try Plate("沪Z9999Z").value == "沪Z9999Z")
        #expect(try Plate("琼AABCDE").value == "琼AABCDE")
        #expect(try Plate("粤A1234学").value == "粤A1234学")
        for suffix in ["警", "挂", "港", "澳", "领"] {
            #expect(try Plate("粤Z1234" + suffix).value == "粤Z1234" + suffix)
        }
    }

    @Test func everyProvinceCharacter() throws {
        for province in "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼" {
            #expect(try Plate("\(province)A12345").value == "\(province)A12345")
        }
    }

    @Test func separatorsAndCaseAreNormalised() throws {
        #expect(try Plate("粤A·12345").value == "粤A12345")
        #expect(try Plate("粤A\u{2022}12345").value == "粤A12345")
        #expect(try Plate("粤A\u{30FB}12345").value == "粤A12345")
        #expect(try Plate("粤A\u{FF65}12345").value == "粤A12345")
        #expect(try Plate("粤A.12345").value == "粤A12345")
        #expect(try Plate("粤A-12345").value == "粤A12345")
        #expect(try Plate(" 粤 A 123 45 ").value == "粤A12345")
        #expect(try Plate("粤a·b1234").value == "粤AB1234")
        #expect(try Plate("粤Ａ－１２３４５").value == "粤A12345")
        #expect(try Plate("\u{3000}粤A\u{3000}12345\u{3000}").value == "粤A12345")
        #expect(try Plate("京a·d12345") == Plate("京AD12345"))
    }

    @Test func smallNewEnergyPlates() throws {
        #expect(try Plate("京AD12345").value == "京AD12345")
        #expect(try Plate("京AF12345").value == "京AF12345")
        #expect(try Plate("京ADA1234").value == "京ADA1234")
        #expect(try Plate("粤BD·12345").value == "粤BD12345")
    }

    @Test func largeNewEnergyPlates() throws {
        #expect(try Plate("京A12345D").value == "京A12345D")
        #expect(try Plate("粤B12345F").value == "粤B12345F")
    }

    @Test func invalidPlates() {
        let bad = [
            "",               // empty: callers decide emptiness first
            "NULL",
            "京AI2345",       // I is never a serial character
            "京AO2345",       // nor O
            "京I12345",       // authority letter I
            "京O12345",       // authority letter O
            "京112345",       // authority must be a letter
            "A12345",         // no province
            "港A12345",       // not a province character
            "使A12345",
            "京A1234",        // too short
            "京A123456",      // 8 characters but not new-energy
            "京A12345E",      // large new-energy must end in D or F
            "京AE12345",      // small new-energy must start with D or F
            "京AD1234A",      // small new-energy must end in 4 digits
            "京ADI1234",      // I in the new-energy serial
            "京A1234DD",
            "京AD123456",     // 9 characters
            "粤A123学4",      // special suffix only at the end
            "粤A1234中",      // unknown special suffix
            "粤A12345学",     // special suffix does not make 8
            "京AD1234学",
            "粤A1234_",
            "粤粤12345",
        ]
        for plate in bad {
            #expect(fieldError { _ = try Plate(plate) }?.code == .invalidPlate, "\(plate)")
        }
        #expect(fieldError { _ = try Plate("") }?.message == "为空")
        #expect(fieldError { _ = try Plate("京ai·2345") }?.message
            == "京AI2345 既不是7位号牌，也不是已知省份的8位新能源号牌")
    }
}
