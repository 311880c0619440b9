import Testing
@testable import JGPipe

// Check digits verified independently with python3 (ISO 3779 transliteration and weights).
@Suite struct VINTests {
    @Test func validCheckDigits() throws {
        let vin = try VIN("1M8GDM9AXKP042788")     // the classic example: remainder 10 → X
        #expect(vin.value == "1M8GDM9AXKP042788")
        #expect(vin.checkDigitValid)
        #expect(try VIN("11111111111111111").checkDigitValid)
        #expect(try VIN("LSVNV2186E2100152").checkDigitValid)
        #expect(try VIN("WVWZZZ1J0XW000001").checkDigitValid)
    }

    @Test func wrongCheckDigitIsOnlyAFlag() throws {
        let vin = try VIN("1M8GDM9A1KP042788")
        #expect(vin.value == "1M8GDM9A1KP042788")
        #expect(!vin.checkDigitValid)
        #expect(try !VIN("LSVNV2182E2100152").checkDigitValid)   // expected 6
        #expect(try !VIN("WVWZZZ1JZXW000001").checkDigitValid)   // European VINs often put Z there; expected 0
        #expect(try !VIN("11111111X11111111").checkDigitValid)
    }

    @Test func normalised() throws {
        let vin = try VIN(" 1m8gdm9axkp042788 ")
        #expect(vin.value == "1M8GDM9AXKP042788")
        #expect(vin.checkDigitValid)
        #expect(try VIN("１Ｍ８ＧＤＭ９ＡＸＫＰ０４２７８８") == VIN("1M8GDM9AXKP042788"))
    }

    @Test func invalid() {
        for bad in ["", "NULL", "1M8GDM9AXKP04278", "1M8GDM9AXKP0427888", "1M8GDM9AXKP04278I", "1M8GDM9AXKP04278O",
                    "1M8GDM9AXKP04278Q", "1m8gdm9axkp04278q", "1M8GDM9AXKP-42788", "1M8GDM9AXKP 42788", "1M8GDM9AXKP04278中"] {
            #expect(fieldError { _ = try VIN(bad) }?.code == .invalidVIN, "\(bad)")
        }
        #expect(fieldError { _ = try VIN("ABC") }?.message == "ABC 应为17位，由 0-9 和 A-Z（不含 I、O、Q）组成")
        #expect(fieldError { _ = try VIN("") }?.message == "为空")
    }
}
