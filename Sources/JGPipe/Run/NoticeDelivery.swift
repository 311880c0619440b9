/// `notifications.csv` (SPEC §4): the run's notices in SPEC §4 order, leaving out those an
/// earlier successful run published (the run ledger, SPEC §5), in one pass over the notices
/// as the collector gives them back, so that no list of them is held.
struct NoticeDelivery {
    /// The notices written.
    var written = 0
    /// Id and type of each notice written, when `write` is asked to keep them (a ledger with
    /// notices of the older ids, whose inserts wait for the delivery: `RunRecord.deliver`).
    var writtenIDs = PublishedIDs()
    var suppressed = 0
    /// Of `suppressed`, the notices an older jgpipe published under their older ids, with the
    /// run that did (`LegacyNoticeIDs`), for the ledger to record under today's ids.
    var adopted: [PublishedNotice] = []

    /// Writes `notifications.csv` from `context.notices`; `lookups` nil writes every notice.
    static func write(_ context: RunContext, lookups: RunLedger.NoticeLookups?, keepingIDs: Bool) throws -> NoticeDelivery {
        let writer = try context.staging.csv("notifications.csv", header: Notice.columns)
        let settings = context.settings
        let notices = context.notices.count, spilled = context.notices.spilledRuns
        var delivery = NoticeDelivery()
        try context.notices.drainInOutputOrder { notice in
            if let lookups {
                if try lookups.isPublished(notice.field(0)) {
                    delivery.suppressed += 1
                    return
                }
                if !lookups.legacyRunDates.isEmpty {
                    let whole = Notice(notice)
                    let older = LegacyNoticeIDs.candidates(whole, olderRunDates: lookups.legacyRunDates,
                                                           cutover: settings.cutoverDate, deadline: settings.noticeDeadline)
                    if let run = try lookups.firstLegacyRun(older) {
                        delivery.adopted.append(PublishedNotice(id: whole.id, type: whole.type.rawValue, firstRun: run))
                        delivery.suppressed += 1
                        return
                    }
                }
            }
            delivery.written += 1
            if keepingIDs { delivery.writtenIDs.append(id: notice.field(0), type: notice.field(1)) }
            notice.forEachField { column, bytes in writer.appendField(bytes: bytes, first: column == 0) }
            try writer.endRow()
        }
        try writer.close()
        context.logger.info("notices sorted", metadata: ["notices": "\(notices)", "spilled_runs": "\(spilled)"])
        return delivery
    }
}
