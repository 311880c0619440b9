/// The `violations` summary section, counted as slices pass: each part's where it is decided,
/// merged into the stage's (`merge`).
struct ViolationTally {
    private var processed = 0, unprocessed = 0, audit = 0, processedAfterAsOf = 0
    private var unpaidFines = Money.zero
    private var byType = Dictionary(uniqueKeysWithValues: NoticeType.violationTypes.map { ($0.rawValue, 0) })
    private var byFinding = Dictionary(uniqueKeysWithValues: AuthorisationFinding.allCases.map { ($0.rawValue, 0) })
    private var byDetachment = DetachmentCounts()

    mutating func add(_ v: Violation, detachment: String, asOf: CalendarDate) {
        if v.isProcessed { processed += 1 } else { unprocessed += 1 }
        byDetachment.add(v.isProcessed ? "processed" : "unprocessed", in: detachment)
        if applyW2(processedAt: v.processedAt, fine: v.fine, paid: v.paid, dueDays: 0, asOf: asOf) != nil {
            unpaidFines = unpaidFines + v.fine
        } else if let processedAt = v.processedAt,
                  applyW2(processedAt: processedAt, fine: v.fine, paid: v.paid, dueDays: 0, asOf: processedAt.date) != nil {
            // Unpaid, but decided after A: told on a later night.
            processedAfterAsOf += 1
        }
    }

    mutating func add(_ notice: Notice) {
        byType[notice.type.rawValue, default: 0] += 1
        byDetachment.add(notice.type.rawValue, in: notice.detachmentCode)
    }

    mutating func add(_ notices: NoticeBatch) {
        for notice in notices.kinds {
            byType[notice.type.rawValue, default: 0] += 1
            byDetachment.add(notice.type.rawValue, in: notice.detachmentCode)
        }
    }

    mutating func add(_ row: AuditRow) {
        audit += 1
        byFinding[row.finding.rawValue, default: 0] += 1
        byDetachment.add("W3_audit", in: row.detachment)
    }

    /// Adds a part's counts.
    mutating func merge(_ part: ViolationTally) {
        processed += part.processed
        unprocessed += part.unprocessed
        audit += part.audit
        processedAfterAsOf += part.processedAfterAsOf
        unpaidFines = unpaidFines + part.unpaidFines
        byType.merge(part.byType, uniquingKeysWith: +)
        byFinding.merge(part.byFinding, uniquingKeysWith: +)
        byDetachment.merge(part.byDetachment)
    }

    func json(vehicleUsers: Int, ambiguousPlates: Int, vehiclesWithUnprocessed: Int, occurredAfterAsOf: Int) -> JSONValue {
        .object([
            ("processed", .int(processed)),
            ("unprocessed", .int(unprocessed)),
            ("vehicle_users", .int(vehicleUsers)),
            ("ambiguous_plate_warnings", .int(ambiguousPlates)),
            ("W1_vehicles_with_unprocessed", .int(vehiclesWithUnprocessed)),
            ("W1_occurred_after_as_of", .int(occurredAfterAsOf)),
            ("W2_unpaid_fines_yuan", .string(unpaidFines.decimal)),
            ("W2_processed_after_as_of", .int(processedAfterAsOf)),
            ("notices_by_type", .counts(byType)),
            ("W3_authorisation_audit", .object([("rows", .int(audit)), ("by_finding", .counts(byFinding))])),
            ("by_detachment", byDetachment.json),
        ])
    }
}
