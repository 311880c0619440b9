/// SPEC §4 "Identity": a notice is known across nights by its type, recipient, record and *fact*
/// (what it reports: a date, a set of ids), never by the run date. The stages of §7 and §8 name
/// the fact of every notice they build here.
///
/// Until `Notice` takes the fact itself, its id hashes type, recipient, record and due_on. For
/// D1–D4 and W2 due_on follows from the fact and the settings alone (valid_until, C + 30 days,
/// the cutover, processed_at + 15 days), so the id changes exactly when the fact does; W1's due_on
/// is the run date, so its notice is repeated every night until then.
enum NoticeFact {
    static func notice(type: String, detachmentCode: String, recipientType: Notice.RecipientType, recipientID: String,
                       recipientName: String, phone: String, recordID: String, dueOn: CalendarDate, fact: String,
                       message: String) -> Notice {
        _ = fact
        return Notice(type: type, detachmentCode: detachmentCode, recipientType: recipientType, recipientID: recipientID,
                      recipientName: recipientName, phone: phone, recordID: recordID, dueOn: dueOn, message: message)
    }

    /// W1's fact: the vehicle's unprocessed violation ids, sorted and `;`-joined.
    static func idSet(_ ids: [String]) -> String { ids.sorted().joined(separator: ";") }
}
