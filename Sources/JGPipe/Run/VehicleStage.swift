/// Vehicles (SPEC §3, measure 一, 三, 七): validation, V1–V5, the cleaned file, the
/// deregistration work list, owner notices and the `vehicles` summary section.
public struct VehicleStage: PipelineStage {
    public let name = "vehicles"
    let settings: VehicleSettings

    public init(settings: PipelineSettings) throws {
        self.settings = try VehicleSettings(settings.root.table("vehicles"))
    }

    public static let worklistColumns = [
        "vin", "plate_no", "owner_name", "owner_phone", "region_code", "scrap_region_code", "scrap_received_on",
        "due_on", "cross_region", "overdue", "days_overdue", "detachment_code",
    ]

    public func run(_ context: RunContext) throws {
        guard let path = context.inputPath("vehicles") else { return }
        let vehicles = try context.load(path, VehicleValidator(closedStatuses: settings.closedStatuses))
        try context.writeRejected("vehicles", header: vehicles.header, rows: vehicles.rejected)
        // SPEC §0: V2–V4 are judged on A, V5 on E.
        let asOf = context.asOf, e = context.effectiveDate
        let scrapOn = vehicles.records.map {
            applyV1(registeredOn: $0.registeredOn, vehicleType: $0.vehicleType, useNature: $0.useNature,
                        table: settings.scrapTable)
        }
        try context.writeCleaned(vehicles, schema: VehicleValidator.schema,
                                 added: ["vin_check", "scrap_on", "effective_on"]) { i in
            [vehicles.records[i].vin.checkDigitValid ? "PASS" : "FAIL", scrapOn[i]?.iso ?? "", asOf.iso]
        }
        let detachment = vehicles.records.map { context.settings.detachments.code(for: $0.region) }
        var tasks: [(index: Int, task: DeregistrationTask)] = []
        var notices: [Notice] = []
        let pilot = Set(settings.ecertPilotRegions)
        for (i, vehicle) in vehicles.records.enumerated() where !vehicle.status.isClosed(settings.closedStatuses) {
            if let task = applyV3(scrapReceivedOn: vehicle.scrapReceivedOn, scrapRegion: vehicle.scrapRegion,
                                               region: vehicle.region, asOf: asOf) {
                tasks.append((i, task))
            }
            func notify(_ type: NoticeType, due: CalendarDate) {
                notices.append(notice(type, due: due, vehicle: i, vehicles, detachment[i], context))
            }
            if let type = applyV2(scrapOn: scrapOn[i], asOf: asOf, noticeDays: settings.scrapNoticeDays) {
                notify(type, due: scrapOn[i]!)
            }
            if let type = applyV4(inspectionValidUntil: vehicle.inspectionValidUntil,
                                             registeredOn: vehicle.registeredOn, vehicleType: vehicle.vehicleType,
                                             useNature: vehicle.useNature, asOf: asOf,
                                             noticeDays: settings.inspectionNoticeDays,
                                             sticker: settings.exemptSticker) {
                notify(type, due: vehicle.inspectionValidUntil!)
            }
            if applyV5(region: vehicle.region, pilotPrefixes: pilot) {
                notify(.ecertAvailable, due: e)
            }
        }
        tasks.sort { a, b in
            let da = detachment[a.index], db = detachment[b.index]
            if da != db { return da < db }
            if a.task.dueOn != b.task.dueOn { return a.task.dueOn < b.task.dueOn }
            return vehicles.records[a.index].vin.value < vehicles.records[b.index].vin.value
        }
        try writeWorklist(tasks, vehicles, detachment, context)
        context.add(notices)
        context.addSection("vehicles", summary(vehicles, scrapOn, detachment, tasks.map(\.task), tasks.map(\.index), notices,
                                               asOf: asOf, effectiveDate: e))
    }

    /// The fact (SPEC §4) of V2 and V4 notices is their date, due_on; V5's is none (sent once).
    private func notice(_ type: NoticeType, due: CalendarDate, vehicle i: Int, _ vehicles: LoadedDataset<Vehicle>,
                        _ detachment: String, _ context: RunContext) -> Notice {
        typealias Column = VehicleValidator.Column
        let vehicle = vehicles.records[i]
        let fields = vehicles.store.fields(i)
        let recipientType: Notice.RecipientType = vehicle.owner.type == .person ? .person : .unit
        let message = context.settings.templates.message(type.templateKey, [
            "owner_name": fields[Column.ownerName], "you": recipientType.addressed, "plate_no": fields[Column.plate],
            "vin": vehicle.vin.value,
            "due_on": due.iso, "effective_on": context.effectiveDate.iso,
        ])
        return Notice(type: type, detachmentCode: detachment, recipientType: recipientType,
                      recipientID: vehicle.owner.id, recipientName: fields[Column.ownerName],
                      phone: fields[Column.ownerPhone], recordID: vehicle.vin.value, dueOn: due,
                      fact: type.fact == .none ? "" : due.iso, message: message)
    }

    /// V3: `vehicles.deregistration_worklist.csv`, ordered by detachment_code, due_on, vin.
    private func writeWorklist(_ tasks: [(index: Int, task: DeregistrationTask)], _ vehicles: LoadedDataset<Vehicle>,
                               _ detachment: [String], _ context: RunContext) throws {
        typealias Column = VehicleValidator.Column
        let writer = try context.csv("vehicles.deregistration_worklist.csv", header: Self.worklistColumns)
        for (i, task) in tasks {
            let f = vehicles.store.fields(i)
            try writer.writeRow([
                f[Column.vin], f[Column.plate], f[Column.ownerName], f[Column.ownerPhone], f[Column.region],
                f[Column.scrapRegion], f[Column.scrapReceivedOn], task.dueOn.iso, task.crossRegion ? "Y" : "N",
                task.overdue ? "Y" : "N", String(task.daysOverdue), detachment[i],
            ])
        }
        try writer.close()
    }

    private func summary(_ vehicles: LoadedDataset<Vehicle>, _ scrapOn: [CalendarDate?], _ detachment: [String],
                         _ tasks: [DeregistrationTask], _ taskVehicles: [Int], _ notices: [Notice],
                         asOf: CalendarDate, effectiveDate: CalendarDate) -> JSONValue {
        var byType = Dictionary(uniqueKeysWithValues: NoticeType.vehicleTypes.map { ($0.rawValue, 0) })
        var byDetachment: [String: [String: Int]] = [:]
        for (i, vehicle) in vehicles.records.enumerated() {
            byDetachment[detachment[i], default: [:]][vehicle.status.isClosed(settings.closedStatuses) ? "closed" : "open", default: 0] += 1
        }
        for notice in notices {
            byType[notice.type.rawValue, default: 0] += 1
            byDetachment[notice.detachmentCode, default: [:]][notice.type.rawValue, default: 0] += 1
        }
        for (task, i) in zip(tasks, taskVehicles) {
            byDetachment[detachment[i], default: [:]]["deregistration_worklist", default: 0] += 1
            if task.crossRegion { byDetachment[detachment[i], default: [:]]["deregistration_cross_region", default: 0] += 1 }
            if task.overdue { byDetachment[detachment[i], default: [:]]["deregistration_overdue", default: 0] += 1 }
        }
        let closed = vehicles.records.filter { $0.status.isClosed(settings.closedStatuses) }.count
        return .object([
            ("V2_V3_V4_judged_on", .string(asOf.iso)),
            ("V5_effective_on", .string(effectiveDate.iso)),
            ("closed_statuses", .array(settings.closedStatuses.letters.map(JSONValue.string))),
            ("open", .int(vehicles.records.count - closed)),
            ("closed", .int(closed)),
            ("vin_check_fail_warnings", .int(vehicles.records.filter { !$0.vin.checkDigitValid }.count)),
            ("invalid_owner_phone_warnings", .int(vehicles.records.filter { !$0.phoneIsValid }.count)),
            ("V1_scrap_on_set", .int(scrapOn.filter { $0 != nil }.count)),
            ("V1_no_age_limit", .int(scrapOn.filter { $0 == nil }.count)),
            ("notices_by_type", .counts(byType)),
            ("V3_deregistration_worklist", .object([
                ("total", .int(tasks.count)),
                ("cross_region", .int(tasks.filter(\.crossRegion).count)),
                ("overdue", .int(tasks.filter(\.overdue).count)),
                ("days_overdue_max", .int(tasks.map(\.daysOverdue).max() ?? 0)),
            ])),
            ("V5_ecert_pilot_regions", .array(settings.ecertPilotRegions.map(JSONValue.string))),
            ("by_detachment", .object(byDetachment.sorted { $0.key < $1.key }.map { ($0.key, .counts($0.value)) })),
        ])
    }
}
