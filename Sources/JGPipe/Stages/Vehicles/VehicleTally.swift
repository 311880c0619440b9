/// The `vehicles` summary section, counted on integers as slices pass: each part's where it is
/// decided, merged into the stage's (`merge`).
struct VehicleTally {
    private var open = 0, closed = 0, vinCheckFailures = 0, invalidPhones = 0, scrapOnSet = 0, noAgeLimit = 0
    private var worklist = 0, crossRegion = 0, overdue = 0, daysOverdueMax = 0
    private var byType = Dictionary(uniqueKeysWithValues: NoticeType.vehicleTypes.map { ($0.rawValue, 0) })
    private var byDetachment = DetachmentCounts()

    mutating func add(vinCheckValid: Bool, phoneIsValid: Bool, closed isClosed: Bool, scrapOn: CalendarDate?,
                      detachment: String) {
        if isClosed { closed += 1 } else { open += 1 }
        byDetachment.add(isClosed ? "closed" : "open", in: detachment)
        if !vinCheckValid { vinCheckFailures += 1 }
        if !phoneIsValid { invalidPhones += 1 }
        if scrapOn == nil { noAgeLimit += 1 } else { scrapOnSet += 1 }
    }

    mutating func add(_ task: DeregistrationTask, detachment: String) {
        worklist += 1
        daysOverdueMax = max(daysOverdueMax, task.daysOverdue)
        byDetachment.add("deregistration_worklist", in: detachment)
        if task.crossRegion {
            crossRegion += 1
            byDetachment.add("deregistration_cross_region", in: detachment)
        }
        if task.overdue {
            overdue += 1
            byDetachment.add("deregistration_overdue", in: detachment)
        }
    }

    mutating func add(_ notices: NoticeBatch) {
        for notice in notices.kinds {
            byType[notice.type.rawValue, default: 0] += 1
            byDetachment.add(notice.type.rawValue, in: notice.detachmentCode)
        }
    }

    /// Adds a part's counts.
    mutating func merge(_ part: VehicleTally) {
        open += part.open
        closed += part.closed
        vinCheckFailures += part.vinCheckFailures
        invalidPhones += part.invalidPhones
        scrapOnSet += part.scrapOnSet
        noAgeLimit += part.noAgeLimit
        worklist += part.worklist
        crossRegion += part.crossRegion
        overdue += part.overdue
        daysOverdueMax = max(daysOverdueMax, part.daysOverdueMax)
        byType.merge(part.byType, uniquingKeysWith: +)
        byDetachment.merge(part.byDetachment)
    }

    func json(_ settings: VehicleSettings, asOf: CalendarDate, effectiveDate: CalendarDate) -> JSONValue {
        .object([
            ("V2_V3_V4_judged_on", .string(asOf.iso)),
            ("V5_effective_on", .string(effectiveDate.iso)),
            ("closed_statuses", .array(settings.closedStatuses.letters.map(JSONValue.string))),
            ("open", .int(open)),
            ("closed", .int(closed)),
            ("vin_check_fail_warnings", .int(vinCheckFailures)),
            ("invalid_owner_phone_warnings", .int(invalidPhones)),
            ("V1_scrap_on_set", .int(scrapOnSet)),
            ("V1_no_age_limit", .int(noAgeLimit)),
            ("notices_by_type", .counts(byType)),
            ("V3_deregistration_worklist", .object([
                ("total", .int(worklist)),
                ("cross_region", .int(crossRegion)),
                ("overdue", .int(overdue)),
                ("days_overdue_max", .int(daysOverdueMax)),
            ])),
            ("V5_ecert_pilot_regions", .array(settings.ecertPilotRegions.map(JSONValue.string))),
            ("by_detachment", byDetachment.json),
        ])
    }
}
