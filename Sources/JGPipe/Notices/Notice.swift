/// One message to send (SPEC §4, `notifications.csv`).
public struct Notice: Sendable, Equatable {
    public enum RecipientType: String, Sendable {
        case unit, person

        /// How a template addresses the recipient (`{you}`, SPEC §4 "Wording"): 贵单位 or 您.
        public var addressed: String {
            switch self {
            case .unit: "贵单位"
            case .person: "您"
            }
        }
    }

    public let type: NoticeType
    public let detachmentCode: String
    public let recipientType: RecipientType
    public let recipientID: String
    public let recipientName: String
    public let phone: String
    /// SPEC §0 "Phones": only a mobile receives an SMS; the others still get their row.
    public let phoneKind: PhoneKind
    public let recordID: String
    public let dueOn: CalendarDate
    public let message: String
    /// SPEC §9 P6: the service point the message sends its recipient to; nil for a notice
    /// without a service, or when no open, complete point offers it.
    public let servicePoint: ServicePointGuide.Point?
    /// SPEC §4 "Identity": a hash of the type, recipient, record and the notice's fact (what
    /// the message reports: `NoticeType.fact`), never the run date. The same notice on every
    /// night has the same id, which is what lets the run ledger send it once.
    public let id: String

    public init(type: NoticeType, detachmentCode: String, recipientType: RecipientType, recipientID: String,
                recipientName: String, phone: String, recordID: String, dueOn: CalendarDate, fact: String,
                message: String, servicePoint: ServicePointGuide.Point? = nil) {
        self.type = type
        self.detachmentCode = detachmentCode
        self.recipientType = recipientType
        self.recipientID = recipientID
        self.recipientName = recipientName
        self.phone = phone
        phoneKind = PhoneKind(phone)
        self.recordID = recordID
        self.dueOn = dueOn
        self.message = message
        self.servicePoint = servicePoint
        id = Notice.identity([type.rawValue, recipientID, recordID, fact])
    }

    /// The first 20 hex digits of the SHA-256 of the parts joined by U+001F.
    static func identity(_ parts: [String]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        for (k, part) in parts.enumerated() {
            if k > 0 { bytes.append(0x1F) }
            bytes.append(contentsOf: part.utf8)
        }
        return SHA256.hexString(Array(bytes.withUnsafeBytes(SHA256.digest).prefix(10)))
    }

    public static let columns = [
        "notice_id", "notice_type", "detachment_code", "recipient_type", "recipient_id", "recipient_name",
        "phone", "phone_kind", "record_id", "due_on", "message",
        "service_point_id", "service_point_name", "service_point_address", "service_point_hours",
    ]

    /// The fields of `columns`, in order, as `notifications.csv` shows them.
    var fields: [String] {
        [id, type.rawValue, detachmentCode, recipientType.rawValue, recipientID, recipientName, phone, phoneKind.rawValue,
         recordID, dueOn.iso, message, servicePoint?.id ?? "", servicePoint?.name ?? "", servicePoint?.address ?? "",
         servicePoint?.hours ?? ""]
    }

    /// Indices of `notices` in SPEC §4 order: detachment_code, notice_type, recipient_id,
    /// record_id (then due_on, then input order), as the run's collector orders them.
    static func outputOrder(_ notices: [Notice]) -> [Int] {
        var packed = PackedNotices()
        for notice in notices { packed.append(notice) }
        return packed.order()
    }
}
