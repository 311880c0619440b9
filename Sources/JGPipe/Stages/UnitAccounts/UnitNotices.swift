/// The units' notices (SPEC §4), made in the units' output order: the notifications, sorted in
/// nearly that order, are then read from memory nearly in the order it was filled.
/// - Before the cutover, `UNIT_ACCOUNTS_CLEANUP`, due on the notice deadline while the run is
///   on or before it, else on the cutover (then worded without a second date); on or after
///   the cutover, `UNIT_ACCOUNTS_DISABLED`, due on E. Their fact is the removed account ids.
/// - C3: `UNIT_NO_LEGAL_PERSON`, due on E, sent once.
struct UnitNotices {
    let caps: CleanupCaps
    let settings: PipelineSettings
    let asOf: CalendarDate
    let effectiveDate: CalendarDate

    init(caps: CleanupCaps, context: RunContext) {
        self.caps = caps
        settings = context.settings
        asOf = context.asOf
        effectiveDate = context.effectiveDate
    }

    /// The two halves of the units are done at once.
    func make(_ units: LoadedDataset<Unit>, _ detachment: [String], _ unitOrder: [Int32], _ tallies: UnitTallies,
              _ coverage: [LegalPersonCoverage], _ removedFacts: [String]) throws -> [Notice] {
        let e = effectiveDate
        let removalType: NoticeType = asOf >= settings.cutoverDate ? .unitAccountsDisabled : .unitAccountsCleanup
        let removalDue = removalType == .unitAccountsDisabled ? e
            : asOf <= settings.noticeDeadline ? settings.noticeDeadline : settings.cutoverDate
        // One date is never named twice: due on the cutover, the text says so once.
        let removalTemplate = removalType == .unitAccountsCleanup && removalDue == settings.cutoverDate
            ? "UNIT_ACCOUNTS_CLEANUP_AFTER_DEADLINE" : removalType.templateKey
        let caps = caps, templates = settings.templates
        let eISO = e.iso, cutoverISO = settings.cutoverDate.iso, deadlineISO = settings.noticeDeadline.iso
        typealias Column = UnitValidator.Column
        func notices(_ part: ArraySlice<Int32>) -> [Notice] {
            var notices: [Notice] = []
            // A unit with no account in the dump has nothing to be "left with" (C3); see docs/rules.
            for u in part.lazy.map({ Int($0) }) where tallies.accounts[u] > 0 {
                let removed = tallies.removedInUnit(u)
                guard removed > 0 || coverage[u] == .none else { continue }
                let code = units.store.field(u, Column.code), name = units.store.field(u, Column.name)
                let phone = units.store.field(u, Column.phone)
                func notice(_ type: NoticeType, template: String, due: CalendarDate, fact: String) -> Notice {
                    let dueISO = due.iso
                    return Notice(type: type, detachmentCode: detachment[u], recipientType: .unit, recipientID: code,
                                  recipientName: name, phone: phone, recordID: code, dueOn: due, fact: fact,
                                  message: templates.message(template) { key in
                                      switch key {
                                      case "unit_name": name
                                      case "unit_code": code
                                      case "you": Notice.RecipientType.unit.addressed
                                      case "count": String(removed)
                                      case "due_on": dueISO
                                      case "effective_on", "disable_on": eISO
                                      case "cutover_date": cutoverISO
                                      case "notice_deadline": deadlineISO
                                      default: caps.placeholder(key)
                                      }
                                  })
                }
                if removed > 0 {
                    notices.append(notice(removalType, template: removalTemplate, due: removalDue, fact: removedFacts[u]))
                }
                if coverage[u] == .none {
                    notices.append(notice(.unitNoLegalPerson, template: NoticeType.unitNoLegalPerson.templateKey, due: e,
                                          fact: ""))
                }
            }
            return notices
        }
        let middle = unitOrder.count / 2
        return inHalves(2) { half in notices(half == 0 ? unitOrder[..<middle] : unitOrder[middle...]) }.flatMap { $0 }
    }
}
