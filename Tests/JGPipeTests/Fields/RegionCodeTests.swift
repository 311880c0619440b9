import Testing
@testable import JGPipe

@Suite struct RegionCodeTests {
    @Test func sixDigits() throws {
        let code = try RegionCode("440106")
        #expect(code.value == "440106")
        #expect(code.prefix4 == "4401")
        #expect(try RegionCode(" ４４０１０６ ").value == "440106")
        #expect(try RegionCode("110000").prefix4 == "1100")
    }

    @Test func invalid() {
        for bad in ["", "NULL", "44010", "4401060", "44O106", "4401 6", "44-106", "４４０１０", "广州市"] {
            #expect(fieldError { _ = try RegionCode(bad) }?.code == .invalidRegion, "\(bad)")
        }
        #expect(fieldError { _ = try RegionCode("4401") }?.message == "\"4401\" 不是6位数字的行政区划代码")
        #expect(fieldError { _ = try RegionCode(" ") }?.message == "为空")
    }
}
