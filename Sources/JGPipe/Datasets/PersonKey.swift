/// A person's key (SPEC §0: identity type + normalised number) packed into 64 bits, so rules
/// group people by integers and keep no string per account.
///
/// A type-A number (17 digits + check character, 0–10) packs exactly: value = digits × 11 + check,
/// below 2^63. Other types (passports, permits: a small minority) take a 63-bit FNV-1a hash of
/// type and number with the top bit set; two such people would have to collide in 63 bits
/// (about 1 in 10^10 for 50,000 of them) to be taken for one. See docs/rules/unit-accounts.md.
public enum PersonKey {
    public static func of(_ person: IdentityNumber) -> UInt64 {
        if person.type == "A", let packed = packResidentNumber(person.number.utf8) { return packed }
        let typeAndSeparator = FNV1a.hash(person.type.utf8 + [0x1F])
        return FNV1a.hash(person.number.utf8, from: typeAndSeparator) | (1 << 63)
    }

    /// The exact key of a type-A number (18 characters, canonical), or nil for any other text.
    static func packResidentNumber<Bytes: Sequence<UInt8>>(_ number: Bytes) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for byte in number {
            count += 1
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9") where count <= 18: value = value * (count == 18 ? 11 : 10) + UInt64(byte - 48)
            case UInt8(ascii: "X") where count == 18: value = value * 11 + 10
            default: return nil
            }
        }
        return count == 18 ? value : nil
    }
}
