/// The ids an older jgpipe gave a notice, so that an upgraded ledger does not send again what
/// the older version published (docs/OPERATIONS.md "Upgrading the ledger").
///
/// Before the SPEC revision of 2026-12-01 a notice's id hashed its type, recipient, record and
/// due date (ECERT_AVAILABLE: type, recipient and record), and the unit notices were due on E, so
/// after the cutover their ids changed every night. The ledger kept only ids, not what they were
/// made of; the old ids of today's notice are therefore computed again and looked up:
/// - V2 and V4 notices hash their due date as their fact: old and new ids are the same;
/// - UNIT_ACCOUNTS_CLEANUP was due on the notice deadline before the cutover;
/// - UNIT_ACCOUNTS_DISABLED is the older version's UNIT_ACCOUNTS_CLEANUP of a run after the
///   cutover (due on that run's date);
/// - UNIT_NO_LEGAL_PERSON was due on each older run's E;
/// - S2_BOOKING_NOT_NEEDED and EXAM_SUBJECTS_WAIVED were due as they are now;
/// - EXEMPT_STICKER_OVERDUE is new (the older version sent EXEMPT_STICKER_DUE also past the
///   date: that was another message, so the overdue one is sent).
enum LegacyNoticeIDs {
    /// `olderRunDates`: the as-of dates of the runs that published under the older ids.
    static func candidates(_ notice: Notice, olderRunDates: [CalendarDate], cutover: CalendarDate,
                           deadline: CalendarDate) -> [String] {
        func old(_ type: NoticeType, _ due: CalendarDate) -> String {
            Notice.identity([type.rawValue, notice.recipientID, notice.recordID, due.iso])
        }
        switch notice.type {
        case .unitAccountsCleanup: return [old(.unitAccountsCleanup, deadline)]
        case .unitAccountsDisabled:
            return olderRunDates.filter { $0 > cutover }.map { old(.unitAccountsCleanup, $0) }
        case .unitNoLegalPerson:
            return Set(olderRunDates.map { max($0, cutover) }).sorted().map { old(.unitNoLegalPerson, $0) }
        case .s2BookingNotNeeded, .examSubjectsWaived: return [old(notice.type, notice.dueOn)]
        case .ecertAvailable: return [Notice.identity([notice.type.rawValue, notice.recipientID, notice.recordID])]
        case .scrapDueSoon, .scrapOverdue, .inspectionDue, .inspectionOverdue, .exemptStickerDue, .exemptStickerOverdue:
            return []
        // §7 and §8 came with the fact-based ids: no older version published them.
        case .licenceRenewalDue, .licenceRenewalOverdue, .licenceReviewDue, .licenceReviewOverdue, .licenceMedicalDue,
             .licenceMedicalOverdue, .restorationExamsReduced, .restorationSubject1Only, .licenceAgeClassChange,
             .violationsUnprocessed,
             .fineUnpaid:
            return []
        }
    }
}
