import Testing
@testable import JGPipe

@Suite struct LicenceClassesTests {
    @Test func bitsFollowAllCodes() {
        let constants: [LicenceClasses] = [.a1, .a2, .a3, .b1, .b2, .c1, .c2, .c3, .c4, .c5, .c6, .d, .e, .f, .m, .n, .p]
        #expect(LicenceClasses.allCodes == ["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4", "C5", "C6",
                                            "D", "E", "F", "M", "N", "P"])
        for (k, constant) in constants.enumerated() {
            #expect(constant.rawValue == 1 << UInt32(k))
            #expect(constant.description == LicenceClasses.allCodes[k])
        }
    }

    @Test func concatenated() throws {
        #expect(try LicenceClasses(parsing: "C1") == .c1)
        #expect(try LicenceClasses(parsing: "B2") == .b2)
        #expect(try LicenceClasses(parsing: "C1C6") == [.c1, .c6])
        #expect(try LicenceClasses(parsing: "A2D") == [.a2, .d])
        #expect(try LicenceClasses(parsing: "DEF") == [.d, .e, .f])
        #expect(try LicenceClasses(parsing: "A1A2A3B1B2C1C2C3C4C5C6DEFMNP").rawValue == (1 << 17) - 1)
        #expect(try LicenceClasses(parsing: "PMN") == [.m, .n, .p])
    }

    @Test func everySeparator() throws {
        let expected: LicenceClasses = [.c1, .c6]
        for text in ["C1,C6", "C1，C6", "C1/C6", "C1、C6", "C1 C6", "C1\u{3000}C6", "C1 , C6", "C1,,C6", ",C1C6,",
                     "C1／C6", "C1\tC6"] {
            #expect(try LicenceClasses(parsing: text) == expected, "\(text)")
        }
    }

    @Test func normalised() throws {
        #expect(try LicenceClasses(parsing: "c1c6") == [.c1, .c6])
        #expect(try LicenceClasses(parsing: "Ｃ１Ｃ６") == [.c1, .c6])
        #expect(try LicenceClasses(parsing: " a2d ") == [.a2, .d])
        #expect(try LicenceClasses(parsing: "C1C1") == .c1)
    }

    @Test func canonicalDescription() throws {
        #expect(try LicenceClasses(parsing: "C6,C1").description == "C1C6")
        #expect(try LicenceClasses(parsing: "D/A2").description == "A2D")
        #expect(try LicenceClasses(parsing: "P、A1、c2").description == "A1C2P")
        #expect(LicenceClasses().description == "")
        #expect(try LicenceClasses(parsing: "B2C1").codes == ["B2", "C1"])
    }

    @Test func unknownCodesAndEmpty() {
        for bad in ["", "NULL", ",", " / ", "C", "C7", "C0", "A4", "B3", "D1", "G", "Z1", "C11", "C1C", "1C", "C1;C6",
                    "C1-C6", "C1.C6", "小型汽车", "C1 X"] {
            #expect(fieldError { _ = try LicenceClasses(parsing: bad) }?.code == .invalidClass, "\(bad)")
        }
        #expect(fieldError { _ = try LicenceClasses(parsing: "") }?.message == "为空")
        #expect(fieldError { _ = try LicenceClasses(parsing: "C1C7") }?.message
            == "\"C1C7\" 含有以下准驾车型代码以外的代码：A1 A2 A3 B1 B2 C1 C2 C3 C4 C5 C6 D E F M N P")
    }

    @Test func codesFromSettings() throws {
        #expect(try LicenceClasses(codes: ["C1", "C2"]) == [.c1, .c2])
        #expect(try LicenceClasses(codes: ["A1", "A2", "A3", "B1", "B2"]) == [.a1, .a2, .a3, .b1, .b2])
        #expect(try LicenceClasses(codes: ["d", " E ", "F"]) == [.d, .e, .f])
        #expect(try LicenceClasses(codes: []) == [])
        #expect(fieldError { _ = try LicenceClasses(codes: ["C1", "X9"]) }?.code == .invalidClass)
        #expect(fieldError { _ = try LicenceClasses(codes: ["C1", ""]) }?.code == .invalidClass)
    }

    @Test func setAlgebra() throws {
        let original = try LicenceClasses(parsing: "A2C6")
        let large: LicenceClasses = [.a1, .a2, .a3, .b1, .b2]
        #expect(!original.intersection(large).isEmpty)
        #expect(original.contains(.c6))
        #expect(try LicenceClasses(parsing: "C1").isSubset(of: [.c1, .c2]))
    }
}
