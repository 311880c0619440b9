/// An amount of yuan as integer cents (SPEC §8 `fine`: a decimal ≥ 0 with at most 2 places, empty
/// 0). Never floating point: sums of millions of fines stay exact.
public struct Money: Hashable, Comparable, Sendable {
    public let cents: Int64

    public init(cents: Int64) {
        self.cents = cents
    }

    public static let zero = Money(cents: 0)

    /// A fine far beyond any in law still fits: 10^13 yuan is 10^15 cents.
    static let maxIntegerDigits = 13

    public init(parsing raw: String) throws(FieldError) {
        var text = Text.normalize(raw)
        guard let money = text.withUTF8(Money.parse) else {
            throw FieldError(.invalidNumber, "\"\(text)\" 不是不小于0、至多两位小数的金额")
        }
        self = money
    }

    /// Normalised text as an amount (empty: zero), or nil when it is not one: digits, then at
    /// most two places after a dot (no sign, exponent, separator, or dot without digits after it).
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Money? {
        let dot = b.firstIndex(of: 0x2E) ?? b.count
        let whole = b[..<dot], fraction = b[min(dot + 1, b.count)...]
        if b.isEmpty { return .zero }
        guard !whole.isEmpty, whole.count <= maxIntegerDigits, ASCII.allDigits(whole), fraction.count <= 2,
              dot == b.count || (!fraction.isEmpty && ASCII.allDigits(fraction)) else { return nil }
        var cents: Int64 = 0
        for d in whole { cents = cents * 10 + Int64(ASCII.digitValue(d)) }
        for d in fraction { cents = cents * 10 + Int64(ASCII.digitValue(d)) }
        for _ in fraction.count..<2 { cents *= 10 }
        return Money(cents: cents)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }

    /// Two decimal places, `150.50`, `0.00`.
    public var decimal: String {
        let fraction = cents % 100
        return "\(cents / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}

extension Money: CustomStringConvertible {
    public var description: String { decimal }
}
