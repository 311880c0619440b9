/// Vehicles (SPEC §3, measure 一, 三, 七): validation, V1–V5, the cleaned file, the
/// deregistration work list, owner notices and the `vehicles` summary section.
public struct VehicleStage: PipelineStage {
    public let name = "vehicles"
    public var datasets: [DatasetSchema] { [VehicleValidator.schema] }
    let settings: VehicleSettings

    public init(settings: PipelineSettings) throws {
        self.settings = try VehicleSettings(settings.root.table("vehicles"))
    }

    public static let worklistColumns = WorklistRow.shownColumns.map(\.name) + [
        "due_on", "cross_region", "overdue", "days_overdue", "detachment_code",
    ]

    /// Row-local: vehicles are validated, decided (V1–V5) and written a slice at a time
    /// (`RunInputs.stream`); only the work-list rows and the summary's counts outlive a slice,
    /// the notices go to the run's collector slice by slice.
    public func run(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let path = context.inputs.path("vehicles") else { return output }
        let schema = VehicleValidator.schema
        // SPEC §0: V2–V4 are judged on A, V5 on E.
        let asOf = context.asOf, e = context.effectiveDate, asOfISO = asOf.iso
        let pilot = Set(settings.ecertPilotRegions)
        var rejected: RejectedFile?
        var cleaned: CSVWriter?
        var worklist: [WorklistRow] = []
        var tally = VehicleTally()
        _ = try context.inputs.stream(path, VehicleValidator(closedStatuses: settings.closedStatuses)) { header in
            rejected = try context.staging.openRejected("vehicles", header: header)
            cleaned = try context.staging.openCleaned(header: header, schema: schema, added: ["vin_check", "scrap_on", "effective_on"])
        } prepare: { part in
            decide(part, pilot: pilot, context)
        } slice: { part, decided in
            guard let rejected, let cleaned else { return }
            try rejected.write(part.rejected)
            // The added columns written from the row's index: no array of strings a row.
            try StagingFolder.writeCleanedRows(part.store, count: part.records.count, schemaWidth: schema.columns.count,
                                               replacing: [], added: 3, to: cleaned, values: { $0 }) { i, k, first in
                switch k {
                case 0: cleaned.appendField(part.records[i].vin.checkDigitValid ? "PASS" : "FAIL", first: first)
                case 1: cleaned.appendField(decided.scrapOn[i]?.iso ?? "", first: first)
                default: cleaned.appendField(asOfISO, first: first)
                }
            }
            for (i, task) in decided.tasks {
                worklist.append(WorklistRow(task: task, vin: part.records[i].vin.value, detachment: decided.detachment[i],
                                            fields: part.store, row: i))
            }
            tally.merge(decided.tally)
            try context.notices.add(decided.notices)
        }
        if let rejected { output.rejections.append(try rejected.close()) }
        try cleaned?.close()
        worklist.sort { a, b in
            if a.detachment != b.detachment { return a.detachment < b.detachment }
            if a.task.dueOn != b.task.dueOn { return a.task.dueOn < b.task.dueOn }
            return a.vin < b.vin
        }
        try writeWorklist(worklist, to: context.staging)
        output.addSection("vehicles", tally.json(settings, asOf: asOf, effectiveDate: e))
        return output
    }

    /// V1–V5 for a part of a slice, on the thread that validated it (`RunInputs.stream`'s
    /// `prepare`: it only reads the part, the settings and the context's templates), the notices
    /// made and packed there too.
    private func decide(_ part: ValidatedSlice<Vehicle>, pilot: Set<String>, _ context: RunContext) -> DecidedVehicles {
        let asOf = context.asOf, e = context.effectiveDate
        var decided = DecidedVehicles()
        decided.scrapOn.reserveCapacity(part.records.count)
        decided.closed.reserveCapacity(part.records.count)
        decided.detachment.reserveCapacity(part.records.count)
        // By index, each field read in place: binding each row (`for vehicle in records`) copied
        // the whole `Vehicle`, a retain and a release of each of its strings (a profile of 2M).
        let records = part.records
        for i in records.indices {
            let scrapOn = applyV1(registeredOn: records[i].registeredOn, vehicleType: records[i].vehicleType,
                                  useNature: records[i].useNature, table: settings.scrapTable)
            let detachment = context.settings.detachments.code(for: records[i].region)
            let closed = records[i].status.isClosed(settings.closedStatuses)
            decided.scrapOn.append(scrapOn)
            decided.closed.append(closed)
            decided.detachment.append(detachment)
            decided.tally.add(vinCheckValid: records[i].vin.checkDigitValid, phoneIsValid: records[i].phoneIsValid,
                              closed: closed, scrapOn: scrapOn, detachment: detachment)
            guard !closed else { continue }
            if let task = applyV3(scrapReceivedOn: records[i].scrapReceivedOn, scrapRegion: records[i].scrapRegion,
                                  region: records[i].region, asOf: asOf) {
                decided.tasks.append((i, task))
                decided.tally.add(task, detachment: detachment)
            }
            if let type = applyV2(scrapOn: scrapOn, asOf: asOf, noticeDays: settings.scrapNoticeDays) {
                decided.notices.append(notice(type, due: scrapOn!, records[i], part.store, i, detachment, context))
            }
            if let type = applyV4(inspectionValidUntil: records[i].inspectionValidUntil,
                                  registeredOn: records[i].registeredOn, vehicleType: records[i].vehicleType,
                                  useNature: records[i].useNature, asOf: asOf,
                                  noticeDays: settings.inspectionNoticeDays,
                                  sticker: settings.exemptSticker) {
                decided.notices.append(notice(type, due: records[i].inspectionValidUntil!, records[i], part.store, i,
                                              detachment, context))
            }
            if applyV5(region: records[i].region, pilotPrefixes: pilot) {
                decided.notices.append(notice(.ecertAvailable, due: e, records[i], part.store, i, detachment, context))
            }
        }
        decided.tally.add(decided.notices)
        return decided
    }

    /// The fact (SPEC §4) of V2 and V4 notices is their date, due_on; V5's is none (sent once).
    private func notice(_ type: NoticeType, due: CalendarDate, _ vehicle: Vehicle, _ store: RowStore, _ i: Int,
                        _ detachment: String, _ context: RunContext) -> Notice {
        typealias Column = VehicleValidator.Column
        let recipientType: Notice.RecipientType = vehicle.owner.type == .person ? .person : .unit
        let ownerName = store.field(i, Column.ownerName)
        let point = context.servicePoints.point(for: type, region: vehicle.region.value, detachment: detachment)
        let message = context.settings.templates.message(type.templateKey, [
            "owner_name": ownerName, "you": recipientType.addressed, "plate_no": store.field(i, Column.plate),
            "vin": vehicle.vin.value,
            "due_on": due.iso, "effective_on": context.effectiveDate.iso, "service_point": point?.text ?? "",
        ])
        return Notice(type: type, detachmentCode: detachment, recipientType: recipientType,
                      recipientID: vehicle.owner.id, recipientName: ownerName,
                      phone: store.field(i, Column.ownerPhone), recordID: vehicle.vin.value, dueOn: due,
                      fact: type.fact == .none ? "" : due.iso, message: message, servicePoint: point)
    }

    /// V3: `vehicles.deregistration_worklist.csv`, ordered by detachment_code, due_on, vin.
    private func writeWorklist(_ rows: [WorklistRow], to staging: StagingFolder) throws {
        let writer = try staging.csv("vehicles.deregistration_worklist.csv", header: Self.worklistColumns)
        for row in rows {
            try writer.writeRow(row.fields + [row.task.dueOn.iso, row.task.crossRegion ? "Y" : "N",
                                              row.task.overdue ? "Y" : "N", String(row.task.daysOverdue), row.detachment])
        }
        try writer.close()
    }
}

/// What `VehicleStage.decide` makes of a part of a slice: per row, V1's date, whether the
/// vehicle is closed and its detachment; the open rows with a V3 task; the V2, V4, V5 notices.
struct DecidedVehicles {
    var scrapOn: [CalendarDate?] = []
    var closed: [Bool] = []
    var detachment: [String] = []
    var tasks: [(row: Int, task: DeregistrationTask)] = []
    var notices = NoticeBatch()
    /// The part's summary counts, merged into the stage's in input order.
    var tally = VehicleTally()
}
