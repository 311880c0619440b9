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
    /// SPEC §4 "Identity": a hash of the type, recipient, record and the notice's fact (what
    /// the message reports: `NoticeType.fact`), never the run date. The same notice on every
    /// night has the same id, which is what lets the run ledger send it once.
    public let id: String

    public init(type: NoticeType, detachmentCode: String, recipientType: RecipientType, recipientID: String,
                recipientName: String, phone: String, recordID: String, dueOn: CalendarDate, fact: String,
                message: String) {
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
    ]

    public var fields: [String] {
        [id, type.rawValue, detachmentCode, recipientType.rawValue, recipientID, recipientName, phone, phoneKind.rawValue,
         recordID, dueOn.iso, message]
    }

    /// Appends the `columns` of the notice at `notice` to the writer's current row; through a
    /// pointer, so the notice is read in place instead of copied with all its strings.
    static func appendFields(of notice: UnsafePointer<Notice>, to writer: CSVWriter) {
        writer.appendField(notice.pointee.id, first: true)
        writer.appendField(notice.pointee.type.rawValue, first: false)
        writer.appendField(notice.pointee.detachmentCode, first: false)
        writer.appendField(notice.pointee.recipientType.rawValue, first: false)
        writer.appendField(notice.pointee.recipientID, first: false)
        writer.appendField(notice.pointee.recipientName, first: false)
        writer.appendField(notice.pointee.phone, first: false)
        writer.appendField(notice.pointee.phoneKind.rawValue, first: false)
        writer.appendField(notice.pointee.recordID, first: false)
        writer.appendField(notice.pointee.dueOn.iso, first: false)
        writer.appendField(notice.pointee.message, first: false)
    }

    /// Indices of `notices` in SPEC §4 order: detachment_code, notice_type, recipient_id,
    /// record_id (then due_on, then input order). The fields joined by U+0001, which sorts below
    /// every character they hold, order as the fields do one after another: one byte key a
    /// notice, all in one buffer, compared with `memcmp`.
    static func outputOrder(_ notices: [Notice]) -> [Int] {
        var keys = ByteKeys(capacity: notices.count)
        notices.withUnsafeBufferPointer { notices in
            for notice in notices.indices.lazy.map({ notices.baseAddress! + $0 }) {
                keys.append(notice.pointee.detachmentCode)
                for field in [notice.pointee.type.rawValue, notice.pointee.recipientID, notice.pointee.recordID, notice.pointee.dueOn.iso] {
                    keys.append(byte: 0x01)
                    keys.append(field)
                }
                keys.endKey()
            }
        }
        return keys.order()
    }
}
