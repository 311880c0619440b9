import Testing
@testable import JGPipe

/// SPEC §8 `fine`: a decimal ≥ 0 with at most 2 places, empty 0, as integer cents.
@Suite("fine amounts")
struct MoneyTests {
    static let valid: [(String, Int64, String)] = [
        ("", 0, "0.00"), ("0", 0, "0.00"), ("150.50", 15050, "150.50"), ("150.5", 15050, "150.50"),
        ("200", 20000, "200.00"), ("0.05", 5, "0.05"), ("１５０.５０", 15050, "150.50"), (" 50 ", 5000, "50.00"),
    ]

    @Test("valid amounts", arguments: valid)
    func parses(_ c: (String, Int64, String)) throws {
        let money = try Money(parsing: c.0)
        #expect(money.cents == c.1)
        #expect(money.decimal == c.2)
    }

    @Test("invalid amounts are INVALID_NUMBER", arguments: ["-1", "1.234", "1e3", "1.", ".5", "1,000", "五十", "12345678901234"])
    func rejects(_ text: String) {
        #expect(throws: FieldError.self) { try Money(parsing: text) }
        do { _ = try Money(parsing: text) } catch { #expect(error.code == .invalidNumber) }
    }

    @Test("sums are exact: 0.10 three times is 0.30 (0.1 + 0.1 + 0.1 ≠ 0.3 in binary floating point)")
    func exactSum() throws {
        let dime = try Money(parsing: "0.10")
        #expect((dime + dime + dime).decimal == "0.30")
        #expect((dime + dime + dime) == (try Money(parsing: "0.3")))
    }
}
