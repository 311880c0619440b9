/// An account id with the SPEC §1 tie-break order: numeric when both ids are digit strings,
/// else by bytes. Numerically equal digit strings ("007", "7") fall back to bytes, so the
/// order stays total.
public struct AccountID: Comparable, Hashable, Sendable {
    public let text: String
    /// The value of a digit string of up to 19 digits; the fast path of the comparison.
    private let number: UInt64?
    private let isDigits: Bool

    public init(_ text: String) {
        self.text = text
        isDigits = !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        number = isDigits && text.utf8.count <= 19 ? UInt64(text) : nil
    }

    public static func < (a: AccountID, b: AccountID) -> Bool {
        if let x = a.number, let y = b.number, x != y { return x < y }
        if a.isDigits && b.isDigits {
            let x = a.text.utf8.drop { $0 == 0x30 }
            let y = b.text.utf8.drop { $0 == 0x30 }
            if x.count != y.count { return x.count < y.count }
            if !x.elementsEqual(y) { return x.lexicographicallyPrecedes(y) }
        }
        return a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
    }
}
