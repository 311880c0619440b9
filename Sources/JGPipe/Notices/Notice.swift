/// One message to send (SPEC §4, `notifications.csv`).
public struct Notice: Sendable, Equatable {
    public enum RecipientType: String, Sendable { case unit, person }

    public let type: String
    public let detachmentCode: String
    public let recipientType: RecipientType
    public let recipientID: String
    public let recipientName: String
    public let phone: String
    public let recordID: String
    public let dueOn: CalendarDate
    public let message: String
    /// Stable across runs: the same notice for the same record and date has the same id, which
    /// is what lets the run ledger tell an already published notice.
    public let id: String
    /// What the run ledger remembers a published notice by: its id, except for the notice types
    /// the SPEC sends once per record (`sentOnce`), whose due date is the run's E and so changes
    /// every night: for them, the type, recipient and record without the date.
    public let ledgerKey: String

    /// V5 (一): "an ECERT_AVAILABLE notice, once".
    public static let sentOnce: Set<String> = ["ECERT_AVAILABLE"]

    public init(type: String, detachmentCode: String, recipientType: RecipientType, recipientID: String,
                recipientName: String, phone: String, recordID: String, dueOn: CalendarDate, message: String) {
        self.type = type
        self.detachmentCode = detachmentCode
        self.recipientType = recipientType
        self.recipientID = recipientID
        self.recipientName = recipientName
        self.phone = phone
        self.recordID = recordID
        self.dueOn = dueOn
        self.message = message
        id = Notice.hash([type, recipientID, recordID, dueOn.iso])
        ledgerKey = Notice.sentOnce.contains(type) ? Notice.hash([type, recipientID, recordID]) : id
    }

    /// The first 20 hex digits of the SHA-256 of the parts joined by U+001F.
    private static func hash(_ parts: [String]) -> String {
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
        "phone", "record_id", "due_on", "message",
    ]

    public var fields: [String] {
        [id, type, detachmentCode, recipientType.rawValue, recipientID, recipientName, phone, recordID, dueOn.iso, message]
    }

    /// Appends the `columns` of the notice at `notice` to the writer's current row; through a
    /// pointer, so the notice is read in place instead of copied with all its strings.
    static func appendFields(of notice: UnsafePointer<Notice>, to writer: CSVWriter) {
        writer.appendField(notice.pointee.id, first: true)
        writer.appendField(notice.pointee.type, first: false)
        writer.appendField(notice.pointee.detachmentCode, first: false)
        writer.appendField(notice.pointee.recipientType.rawValue, first: false)
        writer.appendField(notice.pointee.recipientID, first: false)
        writer.appendField(notice.pointee.recipientName, first: false)
        writer.appendField(notice.pointee.phone, first: false)
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
                for field in [notice.pointee.type, notice.pointee.recipientID, notice.pointee.recordID, notice.pointee.dueOn.iso] {
                    keys.append(byte: 0x01)
                    keys.append(field)
                }
                keys.endKey()
            }
        }
        return keys.order()
    }
}
