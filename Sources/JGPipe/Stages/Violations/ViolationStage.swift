/// Traffic violations and registered users (SPEC §8, measure 一.五.4 and 七 交通违法处理、缴款):
/// validation joined to `vehicles.csv` by plate, W1–W3, the cleaned files, the authorisation
/// audit, owner and handler notices and the `violations` summary section.
public struct ViolationStage: PipelineStage {
    public let name = "violations"
    /// `vehicles.csv` is the vehicle stage's dataset; this stage reads it again for the plate join.
    public var datasets: [DatasetSchema] { [ViolationValidator.schema, VehicleUserValidator.schema] }
    let settings: ViolationSettings

    public init(settings: PipelineSettings) throws {
        self.settings = try ViolationSettings(settings.root.table("violations"))
    }

    public static let auditColumns = [
        "violation_id", "plate_no", "plate_type", "vin", "occurred_at", "processed_at", "handler_id_type",
        "handler_id_no", "handler_name", "owner_id", "finding", "detachment_code",
    ]

    /// Streamed in four reads: `vehicles.csv` into the plate directory; `vehicle_users.csv` into
    /// the registration index (W3 needs every registration before the first violation); then
    /// `violations.csv`, validated, decided and written a slice at a time; then
    /// `vehicle_users.csv` again for its own outputs (so the datasets are counted and written in
    /// the order violations, users). What outlives a slice: the directory and the index (the join
    /// side), W1's totals per vehicle, the audit rows and the summary's counts (notices go to the
    /// run's collector as they are made).
    public func run(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let inputs = try inputs(context) else { return output }
        let vehicles = try VehicleDirectory.read(path: inputs.vehicles, settings: context.settings)
        var registrations = RegistrationIndex()
        if let users = inputs.users {
            _ = try DatasetLoader.stream(path: users, validator: VehicleUserValidator(vehicles: vehicles),
                                         extraAliases: context.settings.extraAliases(for: VehicleUserValidator.schema),
                                         options: context.settings.read, progress: { _ in try StopRequest.check() }) { part in
                for user in part.records { registrations.add(user) }
            }
            registrations.seal()
        }
        let sealed = registrations
        let a = context.asOf
        let schema = ViolationValidator.schema
        var rejected: RejectedFile?
        var cleaned: CSVWriter?
        var unprocessed = UnprocessedByVehicle(asOf: a)
        var audit: [AuditRow] = []
        var tally = ViolationTally()
        _ = try context.inputs.stream(inputs.violations, ViolationValidator(vehicles: vehicles)) { header in
            rejected = try context.staging.openRejected("violations", header: header)
            cleaned = try context.staging.openCleaned(header: header, schema: schema, added: ["vin", "owner_id", "effective_on"])
        } prepare: { part in
            decide(part, vehicles, sealed, context)
        } slice: { part, decided in
            guard let rejected, let cleaned else { return }
            try rejected.write(part.rejected)
            let effectiveOn = a.iso
            try StagingFolder.writeCleanedRows(part.store, count: part.records.count, schemaWidth: schema.columns.count,
                                            replacing: [], added: 3, to: cleaned, values: { part.records[$0].vehicle }) {
                vehicle, k, first in
                switch k {
                case 0: vehicles.withField(vehicle, .vin) { cleaned.appendField(bytes: $0, first: first) }
                case 1: vehicles.withField(vehicle, .ownerID) { cleaned.appendField(bytes: $0, first: first) }
                default: cleaned.appendField(effectiveOn, first: first)
                }
            }
            for v in part.records { unprocessed.add(v, vehicleIsOpen: vehicles.isOpen(v.vehicle)) }
            audit.append(contentsOf: decided.audit)
            tally.merge(decided.tally)
            // W2 notices go to the run's collector slice by slice; W1's once every violation is counted.
            try context.notices.add(decided.notices)
        }
        if let rejected { output.rejections.append(try rejected.close()) }
        try cleaned?.close()
        if let users = inputs.users { try writeUsers(users, vehicles, context, &output) }
        audit.sort { x, y in
            if x.detachment != y.detachment { return x.detachment < y.detachment }
            if x.processedAt != y.processedAt { return x.processedAt < y.processedAt }
            return x.violationID < y.violationID
        }
        try writeAudit(audit, to: context.staging)
        for k in unprocessed.groups {
            let notice = unprocessedNotice(unprocessed.group(k), vehicles, context)
            tally.add(notice)
            try context.notices.add([notice])
        }
        output.addSection("violations", tally.json(vehicleUsers: context.inputs.datasets.last { $0.0 == "vehicle_users" }?.1.cleaned ?? 0,
                                                    ambiguousPlates: vehicles.ambiguousPlates,
                                                    vehiclesWithUnprocessed: unprocessed.groups.count,
                                                    occurredAfterAsOf: unprocessed.occurredAfterAsOf))
        return output
    }

    /// W2 and W3 for a part of a slice, on the thread that validated it (`RunInputs.stream`'s
    /// `prepare`: it only reads the part, the directory, the sealed registrations and settings).
    private func decide(_ part: ValidatedSlice<Violation>, _ vehicles: VehicleDirectory, _ registrations: RegistrationIndex,
                        _ context: RunContext) -> DecidedViolations {
        let a = context.asOf, cutover = context.settings.cutoverDate
        var decided = DecidedViolations()
        for (i, v) in part.records.enumerated() {
            let detachment = vehicles.detachment(v.vehicle)
            decided.tally.add(v, detachment: detachment, asOf: a)
            if let dueOn = applyW2(processedAt: v.processedAt, fine: v.fine, paid: v.paid, dueDays: settings.fineDueDays, asOf: a) {
                decided.notices.append(unpaidNotice(v, handlerName: part.store.field(i, ViolationValidator.Column.handlerName),
                                                    dueOn: dueOn, vehicles, context))
            }
            // W3 reads the owner and the registrations only for what it can judge.
            guard v.nonSite, let handler = v.handler else { continue }
            if let finding = applyW3(nonSite: v.nonSite, occurredAt: v.occurredAt, processedAt: v.processedAt,
                                     handler: handler, owner: vehicles.owner(v.vehicle),
                                     registrations: registrations.registrations(vehicle: v.vehicle, user: handler),
                                     cutover: cutover, asOf: a) {
                decided.audit.append(AuditRow(v, finding: finding, detachment: detachment, fields: part.store, row: i, vehicles))
                decided.tally.add(decided.audit[decided.audit.count - 1])
            }
        }
        decided.tally.add(decided.notices)
        return decided
    }

    /// Streams the three files for their rejected rows only (no rule runs).
    public func validate(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let inputs = try inputs(context) else { return output }
        let vehicles = try VehicleDirectory.read(path: inputs.vehicles, settings: context.settings)
        if let digest = try context.writeRejectedOnly(inputs.violations, ViolationValidator(vehicles: vehicles)) {
            output.rejections.append(digest)
        }
        if let users = inputs.users, let digest = try context.writeRejectedOnly(users, VehicleUserValidator(vehicles: vehicles)) {
            output.rejections.append(digest)
        }
        return output
    }

    /// The input paths; nil when violations.csv is absent. Violations need vehicles.csv (SPEC §8).
    private func inputs(_ context: RunContext) throws -> (violations: String, vehicles: String, users: String?)? {
        guard let path = context.inputs.path("violations") else { return nil }
        guard let vehiclesPath = context.inputs.path("vehicles") else {
            throw RunError(.noInput, "\(context.settings.inputFile(for: "violations")) is present but \(context.settings.inputFile(for: "vehicles")) is not: violations are joined to their vehicles")
        }
        return (path, vehiclesPath, context.inputs.path("vehicle_users"))
    }

    /// `vehicle_users.cleaned.csv` and `.rejected.csv`, streamed (no added columns).
    private func writeUsers(_ path: String, _ vehicles: VehicleDirectory, _ context: RunContext,
                            _ output: inout StageOutput) throws {
        let schema = VehicleUserValidator.schema
        var rejected: RejectedFile?
        var cleaned: CSVWriter?
        _ = try context.inputs.stream(path, VehicleUserValidator(vehicles: vehicles)) { header in
            rejected = try context.staging.openRejected("vehicle_users", header: header)
            cleaned = try context.staging.openCleaned(header: header, schema: schema, added: [])
        } slice: { part in
            guard let rejected, let cleaned else { return }
            try rejected.write(part.rejected)
            try StagingFolder.writeCleanedRows(part.store, count: part.records.count, schemaWidth: schema.columns.count,
                                            replacing: [], added: 0, to: cleaned, values: { $0 }) { _, _, _ in }
        }
        if let rejected { output.rejections.append(try rejected.close()) }
        try cleaned?.close()
    }

    /// W1: to the vehicle's owner, record = vin; fact = the set of its unprocessed violation ids.
    private func unprocessedNotice(_ group: UnprocessedViolations, _ vehicles: VehicleDirectory,
                                   _ context: RunContext) -> Notice {
        let entry = vehicles.entry(group.vehicle)
        let type = NoticeType.violationsUnprocessed
        let recipientType: Notice.RecipientType = entry.owner.type == .person ? .person : .unit
        // The directory keeps no region per vehicle (30M vehicles in 2 GB): the detachment's point.
        let point = context.servicePoints.point(for: type, region: "", detachment: entry.detachment)
        let message = context.settings.templates.message(type.templateKey, [
            "service_point": point?.text ?? "",
            "owner_name": entry.ownerName, "you": recipientType.addressed, "plate_no": entry.plate,
            "count": String(group.count),
            "points": String(group.points), "fines": group.fines.decimal, "oldest_on": group.oldest.date.iso,
            "due_on": context.asOf.iso,
        ])
        return Notice(type: type, detachmentCode: entry.detachment, recipientType: recipientType,
                      recipientID: entry.owner.id, recipientName: entry.ownerName, phone: entry.ownerPhone,
                      recordID: entry.vin, dueOn: context.asOf, fact: NoticeFact.idSet(group.violationIDs),
                      message: message, servicePoint: point)
    }

    /// W2: to the handler (a person), record = violation_id; fact = violation_id. The dump holds no
    /// handler phone: the owner's phone when the handler is the owner, else none (see
    /// docs/rules/violations.md).
    private func unpaidNotice(_ violation: Violation, handlerName: String, dueOn: CalendarDate,
                              _ vehicles: VehicleDirectory, _ context: RunContext) -> Notice {
        let handler = violation.handler!
        let type = NoticeType.fineUnpaid
        let detachment = vehicles.detachment(violation.vehicle)
        let point = context.servicePoints.point(for: type, region: violation.region.value, detachment: detachment)
        let message = context.settings.templates.message(type.templateKey, [
            "service_point": point?.text ?? "",
            "handler_name": handlerName, "plate_no": vehicles.field(violation.vehicle, .plate),
            "violation_id": violation.violationID,
            "fine": violation.fine.decimal, "due_on": dueOn.iso, "fine_due_days": String(settings.fineDueDays),
            "late_fee_percent": String(settings.lateFeePercentPerDay),
        ])
        return Notice(type: type, detachmentCode: detachment, recipientType: .person,
                      recipientID: handler.number, recipientName: handlerName,
                      phone: vehicles.owner(violation.vehicle) == .person(handler)
                          ? vehicles.field(violation.vehicle, .ownerPhone) : "",
                      recordID: violation.violationID, dueOn: dueOn, fact: violation.violationID, message: message,
                      servicePoint: point)
    }

    /// W3: `violations.authorisation_audit.csv`, ordered by detachment_code, processed_at, violation_id.
    private func writeAudit(_ rows: [AuditRow], to staging: StagingFolder) throws {
        let writer = try staging.csv("violations.authorisation_audit.csv", header: Self.auditColumns)
        for row in rows { try writer.writeRow(row.fields) }
        try writer.close()
    }
}

/// What `ViolationStage.decide` makes of a part of a slice: the W2 notices, the W3 audit rows
/// and the part's counts.
struct DecidedViolations {
    var notices = NoticeBatch()
    var audit: [AuditRow] = []
    /// The part's summary counts, merged into the stage's in input order.
    var tally = ViolationTally()
}
