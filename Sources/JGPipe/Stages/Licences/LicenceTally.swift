/// The `driver_licences` summary section, counted as slices pass.
struct LicenceTally {
    /// A licence a rule could not judge (SPEC §7): no age (`age_unknown`), or a review class whose
    /// export does not give the points of the cycle ending on C (`review_unknown`).
    enum Unknown: String {
        case age = "age_unknown"
        case review = "review_unknown"
    }

    private var open = 0, closed = 0, cycleEndSet = 0, ageUnknown = 0, reviewUnknown = 0, worklist = 0
    private var oldestCancelDueOn: CalendarDate?
    private var byType = Dictionary(uniqueKeysWithValues: NoticeType.licenceTypes.map { ($0.rawValue, 0) })
    private var byReason = Dictionary(uniqueKeysWithValues: CancellationReason.allCases.map { ($0.rawValue, 0) })
    private var byDetachment = DetachmentCounts()

    mutating func add(closed isClosed: Bool, cycleEndSet hasCycleEnd: Bool, detachment: String) {
        if isClosed { closed += 1 } else { open += 1 }
        if hasCycleEnd { cycleEndSet += 1 }
        byDetachment.add(isClosed ? "closed" : "open", in: detachment)
    }

    mutating func add(unknown: [(detachment: String, kind: Unknown)]) {
        for (detachment, kind) in unknown {
            switch kind {
            case .age: ageUnknown += 1
            case .review: reviewUnknown += 1
            }
            byDetachment.add(kind.rawValue, in: detachment)
        }
    }

    mutating func add(_ notices: NoticeBatch) {
        for notice in notices.kinds {
            byType[notice.type.rawValue, default: 0] += 1
            byDetachment.add(notice.type.rawValue, in: notice.detachmentCode)
        }
    }

    mutating func add(_ row: CancellationRow) {
        worklist += 1
        byReason[row.reason.rawValue, default: 0] += 1
        oldestCancelDueOn = min(oldestCancelDueOn ?? row.dueOn, row.dueOn)
        byDetachment.add("cancellation_worklist", in: row.detachment)
    }

    var json: JSONValue {
        .object([
            ("open", .int(open)),
            ("closed", .int(closed)),
            ("cycle_end_set", .int(cycleEndSet)),
            ("age_unknown", .int(ageUnknown)),
            ("review_unknown", .int(reviewUnknown)),
            ("notices_by_type", .counts(byType)),
            ("cancellation_worklist", .object([
                ("rows", .int(worklist)),
                ("by_reason", .counts(byReason)),
                ("oldest_cancel_due_on", .string(oldestCancelDueOn?.iso ?? "")),
            ])),
            ("by_detachment", byDetachment.json),
        ])
    }
}
