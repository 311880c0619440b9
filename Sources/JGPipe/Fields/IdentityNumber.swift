/// A person's identity document (SPEC §0 "Identity numbers"); `(type, number)` is the person key.
public struct IdentityNumber: Hashable, Sendable {
    /// Normalised type code; "A" (居民身份证) when the raw type is empty or names the resident card.
    public let type: String
    /// Normalised; for type A always the 18-character form, so a legacy 15-digit number and its
    /// 18-digit conversion are the same person.
    public let number: String

    /// Type names accepted for the resident identity card besides the code "A" itself.
    static let residentCardNames: Set<String> = ["居民身份证", "身份证"]

    public init(type rawType: String, number rawNumber: String) throws(FieldError) {
        let typeCode = Text.normalizeCode(rawType)
        let number = Text.normalizeCode(rawNumber)
        if typeCode.isEmpty || typeCode == "A" || IdentityNumber.residentCardNames.contains(typeCode) {
            self.type = "A"
            self.number = try ResidentID.validate(number)
        } else {
            self.type = typeCode
            guard !number.isEmpty else {
                throw FieldError(.invalidID, "为空（证件类型 \(typeCode)）")
            }
            guard IdentityNumber.isPrintable(number) else {
                throw FieldError(.invalidID, "含有控制字符（证件类型 \(typeCode)）")
            }
            self.number = number
        }
    }

    /// A resident identity number already checked with `ResidentID.isValidCanonical` (the
    /// byte-level row path).
    init(residentNumber b: UnsafeBufferPointer<UInt8>) {
        type = "A"
        number = String(decoding: b, as: UTF8.self)
    }

    /// Non-A documents (passports, HK/Macau/Taiwan permits) are only checked for being printable.
    static func isPrintable(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0xFFFD { return false }
        }
        return true
    }
}

extension IdentityNumber: CustomStringConvertible {
    public var description: String { "\(type):\(number)" }
}
