/// A slice's notices, made and packed on the thread that decided the slice's rows (a stage's
/// `prepare`, issue #14 part 4), then handed to the run's `NoticeCollector` in input order: the
/// collector only copies the packed records and counts them. What each notice's summary counts
/// need is kept beside its record, so no `Notice` outlives the worker.
struct NoticeBatch {
    private(set) var packed = PackedNotices()
    /// Per notice, in order: what `NoticeTally` and the stages' tallies count.
    private(set) var kinds: [Kind] = []

    struct Kind {
        let type: NoticeType
        let detachmentCode: String
        let phoneKind: PhoneKind
    }

    /// The summary's `notifications` counts of these notices, counted here too.
    private(set) var tally = NoticeTally()

    var count: Int { kinds.count }

    mutating func append(_ notice: Notice) {
        packed.append(notice)
        kinds.append(Kind(type: notice.type, detachmentCode: notice.detachmentCode, phoneKind: notice.phoneKind))
        tally.add(notice)
    }
}
