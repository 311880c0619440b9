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

    /// `UnitAccount.idKey` of an id that is not a plain digit string, until ranks are assigned.
    public static let unranked = UInt64.max

    /// The value of a plain digit string (no leading zero, up to 19 digits), whose numeric order
    /// is the `AccountID` order; nil otherwise.
    public static func numericKey(_ text: String) -> UInt64? {
        numericKey(utf8: text.utf8)
    }

    static func numericKey<Bytes: Collection<UInt8>>(utf8: Bytes) -> UInt64? {
        guard !utf8.isEmpty, utf8.count <= 19, utf8.first != UInt8(ascii: "0") || utf8.count == 1 else { return nil }
        var value: UInt64 = 0
        for byte in utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
        }
        return value
    }

    /// Order keys for a whole dataset: the numeric keys when every id is a plain digit string,
    /// else every id's rank in `AccountID` order.
    public static func orderKeys(_ ids: [String]) -> [UInt64] {
        let numeric = ids.map(numericKey)
        if numeric.allSatisfy({ $0 != nil }) { return numeric.map { $0! } }
        let order = ids.indices.sorted { AccountID(ids[$0]) < AccountID(ids[$1]) }
        var keys = [UInt64](repeating: 0, count: ids.count)
        for (rank, i) in order.enumerated() { keys[i] = UInt64(rank) }
        return keys
    }
}
