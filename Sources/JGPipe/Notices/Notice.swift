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

    private static func hash(_ parts: [String]) -> String {
        String(SHA256.hex(Array(parts.joined(separator: "\u{1F}").utf8)).prefix(20))
    }

    public static let columns = [
        "notice_id", "notice_type", "detachment_code", "recipient_type", "recipient_id", "recipient_name",
        "phone", "record_id", "due_on", "message",
    ]

    public var fields: [String] {
        [id, type, detachmentCode, recipientType.rawValue, recipientID, recipientName, phone, recordID, dueOn.iso, message]
    }

    /// SPEC §4 order: detachment_code, notice_type, recipient_id, record_id (then due_on).
    /// The fields joined by U+0001, which sorts below every character they hold, order as the
    /// fields do one after another; one key a notice makes the sort cheap.
    var outputOrderKey: [UInt8] {
        Array([detachmentCode, type, recipientID, recordID, dueOn.iso].joined(separator: "\u{1}").utf8)
    }

    /// `notices` in SPEC §4 order.
    static func inOutputOrder(_ notices: [Notice]) -> [Notice] {
        let keys = notices.map(\.outputOrderKey)
        return notices.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }.map { notices[$0] }
    }
}
