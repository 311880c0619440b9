/// A notice as a task prints it and the driver reads it back (`Notice.fields`, id included).
extension Notice {
    /// A notice from its `fields` (`columns` order).
    init(fields f: [String]) throws {
        guard f.count == Notice.columns.count, let type = NoticeType(rawValue: f[1]),
              let recipientType = RecipientType(rawValue: f[3]), let dueOn = try? CalendarDate(parsing: f[9])
        else { throw TaskError("not a notice: \(f.prefix(3).joined(separator: ","))…") }
        id = f[0]
        self.type = type
        detachmentCode = f[2]
        self.recipientType = recipientType
        recipientID = f[4]
        recipientName = f[5]
        phone = f[6]
        phoneKind = PhoneKind(f[6])
        recordID = f[8]
        self.dueOn = dueOn
        message = f[10]
        servicePoint = ServicePointGuide.Point(fields: f[11], f[12], f[13], f[14])
    }
}
