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
        let text = Text.normalize(raw)
        if text.isEmpty {
            self = .zero
            return
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0].utf8, fraction = parts.count > 1 ? parts[1].utf8 : Substring().utf8
        guard !whole.isEmpty, whole.count <= Money.maxIntegerDigits, ASCII.allDigits(whole), fraction.count <= 2,
              fraction.isEmpty ? parts.count == 1 : ASCII.allDigits(fraction) else {
            throw FieldError(.invalidNumber, "\"\(text)\" 不是不小于0、至多两位小数的金额")
        }
        var cents: Int64 = 0
        for b in whole { cents = cents * 10 + Int64(ASCII.digitValue(b)) }
        var places = 0
        for b in fraction {
            cents = cents * 10 + Int64(ASCII.digitValue(b))
            places += 1
        }
        for _ in places..<2 { cents *= 10 }
        self.cents = cents
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
