extension Pipeline {
    struct NoticeDelivery {
        /// Indices into the run's notices of those to write, in SPEC §4 order.
        var order: [Int] = []
        /// Id and type of each notice written.
        var written: [(id: String, type: String)] = []
        var suppressed = 0
        /// Of `suppressed`, those an older jgpipe published under their older ids.
        var publishedByOlderVersion = 0
    }

    /// The notices not in `published` that a jgpipe before the fact-based ids published
    /// (`LegacyNoticeIDs`), with the run that did; none once the ledger holds no older row.
    static func publishedByOlderVersion(_ notices: [Notice], leavingOut published: Set<String>, _ ledger: RunLedger,
                                        settings: PipelineSettings) throws -> [PublishedNotice] {
        let dates = try ledger.legacyRunDates().compactMap { try? CalendarDate(parsing: $0) }
        guard !dates.isEmpty else { return [] }
        let open = notices.indices.filter { !published.contains(notices[$0].id) }
        let firstRuns = try ledger.firstRun(ofAnyLegacy: open.map {
            LegacyNoticeIDs.candidates(notices[$0], olderRunDates: dates, cutover: settings.cutoverDate,
                                       deadline: settings.noticeDeadline)
        })
        return zip(open, firstRuns).compactMap { i, run in
            run.map { PublishedNotice(id: notices[i].id, type: notices[i].type.rawValue, firstRun: $0) }
        }
    }

    /// The notices to write, in SPEC §4 order, leaving out notices already published: known
    /// before `notifications.csv` is written, so the ledger can record them meanwhile.
    static func noticeDelivery(_ notices: [Notice], leavingOut published: Set<String>) -> NoticeDelivery {
        var delivery = NoticeDelivery()
        let order = Notice.outputOrder(notices)
        notices.withUnsafeBufferPointer { notices in
            for i in order {
                if !published.isEmpty && published.contains(notices[i].id) {
                    delivery.suppressed += 1
                } else {
                    delivery.order.append(i)
                    delivery.written.append((id: notices[i].id, type: notices[i].type.rawValue))
                }
            }
        }
        return delivery
    }

    /// `notifications.csv`: the notices of `delivery`, in its order.
    static func writeNotifications(_ notices: [Notice], _ delivery: NoticeDelivery, to staging: StagingFolder) throws {
        let writer = try staging.csv("notifications.csv", header: Notice.columns)
        // Through a buffer pointer: reading a notice in place, without copying its strings.
        try notices.withUnsafeBufferPointer { notices in
            for i in delivery.order {
                Notice.appendFields(of: notices.baseAddress! + i, to: writer)
                try writer.endRow()
            }
        }
        try writer.close()
    }
}
