/// SPEC §0 "Phones": the kind of every phone a notice or contact list carries. Only `mobile` can
/// receive an SMS; the others still get their row, and the summary counts them as not reachable.
public enum PhoneKind: String, Sendable, CaseIterable {
    case mobile, landline, invalid, empty

    /// Classifies a phone as read (normalised first: full-width digits, spaces, guards).
    public init(_ raw: String) {
        let phone = Text.normalize(raw)
        if phone.isEmpty {
            self = .empty
        } else if !Phone.isValid(phone) {
            self = .invalid
        } else {
            self = phone.utf8.first == UInt8(ascii: "1") ? .mobile : .landline
        }
    }

    public var isSMSReachable: Bool { self == .mobile }
}
