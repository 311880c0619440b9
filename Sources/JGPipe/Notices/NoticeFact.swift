/// SPEC §4 "Identity": a notice is known across nights by its type, recipient, record and *fact*
/// (what it reports: a date, a set of ids), never by the run date. The stages of §7 and §8 name
/// the fact of every notice they build here (D1, D4: valid_until; D2, D3: C; W1: the unprocessed
/// violation ids; W2: the violation id), under the type names of their own enums.
enum NoticeFact {
    static func notice(type: String, detachmentCode: String, recipientType: Notice.RecipientType, recipientID: String,
                       recipientName: String, phone: String, recordID: String, dueOn: CalendarDate, fact: String,
                       message: String) -> Notice {
        guard let noticeType = NoticeType(rawValue: type) else {
            preconditionFailure("\(type) is not a NoticeType: add it there")
        }
        return Notice(type: noticeType, detachmentCode: detachmentCode, recipientType: recipientType,
                      recipientID: recipientID, recipientName: recipientName, phone: phone, recordID: recordID,
                      dueOn: dueOn, fact: fact, message: message)
    }

    /// W1's fact: the vehicle's unprocessed violation ids, sorted and `;`-joined.
    static func idSet(_ ids: [String]) -> String { ids.sorted().joined(separator: ";") }
}
