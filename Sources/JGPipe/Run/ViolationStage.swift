/// The `[violations]` section of the pipeline file (SPEC §8).
public struct ViolationSettings: Equatable, Sendable {
    /// W2: 《行政处罚法》 — a fine is paid within 15 days of the decision.
    public var fineDueDays: Int
    /// W2: 《道路交通安全法》第一百零九条 — after that, 3 % of the fine is added each day.
    public var lateFeePercentPerDay: Int

    public static let defaults = ViolationSettings(fineDueDays: 15, lateFeePercentPerDay: 3)

    public init(fineDueDays: Int, lateFeePercentPerDay: Int) {
        self.fineDueDays = fineDueDays
        self.lateFeePercentPerDay = lateFeePercentPerDay
    }

    public init(_ table: SettingsTable) throws {
        let defaults = ViolationSettings.defaults
        fineDueDays = try table.int("fine_due_days", default: defaults.fineDueDays, range: 0...366)
        lateFeePercentPerDay = try table.int("late_fee_percent_per_day", default: defaults.lateFeePercentPerDay,
                                             range: 0...100)
    }
}

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

    struct Loaded {
        var vehicles: VehicleDirectory
        var violations: LoadedDataset<Violation>
        var users: LoadedDataset<VehicleUser>?
    }

    struct AuditRow {
        var violation: Int
        var finding: AuthorisationFinding
    }

    public func run(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let loaded = try load(context, &output) else { return output }
        let vehicles = loaded.vehicles, violations = loaded.violations
        let a = context.asOf
        try context.staging.writeCleaned(violations, schema: ViolationValidator.schema, added: ["vin", "owner_id", "effective_on"]) { i in
            let entry = vehicles.entries[Int(violations.records[i].vehicle)]
            return [entry.vin, entry.owner.id, a.iso]
        }
        if let users = loaded.users {
            try context.staging.writeCleaned(users, schema: VehicleUserValidator.schema, added: []) { _ in [] }
        }
        var notices: [Notice] = []
        let unprocessed = applyW1(violations.records) { vehicles.entries[Int($0)].isOpen }
        for group in unprocessed { notices.append(unprocessedNotice(group, vehicles, context)) }
        for (i, violation) in violations.records.enumerated() {
            if let dueOn = applyW2(processedAt: violation.processedAt, fine: violation.fine, paid: violation.paid,
                                        dueDays: settings.fineDueDays) {
                notices.append(unpaidNotice(i, dueOn: dueOn, violations, vehicles, context))
            }
        }
        let audit = audit(loaded, cutover: context.settings.cutoverDate)
        try writeAudit(audit, violations, vehicles, to: context.staging)
        context.notices.add(notices)
        output.addSection("violations", summary(loaded, unprocessed, audit, notices))
        return output
    }

    public func validate(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        _ = try load(context, &output)
        return output
    }

    /// Reads `vehicles.csv` into the plate directory, then `violations.csv` and, when present,
    /// `vehicle_users.csv`, writing their rejected rows; nil when violations.csv is absent.
    private func load(_ context: RunContext, _ output: inout StageOutput) throws -> Loaded? {
        guard let path = context.inputs.path("violations") else { return nil }
        guard let vehiclesPath = context.inputs.path("vehicles") else {
            throw RunError(.noInput, "\(context.settings.inputFile(for: "violations")) is present but \(context.settings.inputFile(for: "vehicles")) is not: violations are joined to their vehicles")
        }
        let vehicles = try VehicleDirectory.read(path: vehiclesPath, settings: context.settings)
        let violations = try context.inputs.load(path, ViolationValidator(vehicles: vehicles))
        output.rejections.append(try context.staging.writeRejected("violations", header: violations.header,
                                                                   rows: violations.rejected))
        var users: LoadedDataset<VehicleUser>?
        if let usersPath = context.inputs.path("vehicle_users") {
            let loaded = try context.inputs.load(usersPath, VehicleUserValidator(vehicles: vehicles))
            output.rejections.append(try context.staging.writeRejected("vehicle_users", header: loaded.header,
                                                                       rows: loaded.rejected))
            users = loaded
        }
        return Loaded(vehicles: vehicles, violations: violations, users: users)
    }

    /// W3 over every violation, ordered by detachment_code, processed_at, violation_id.
    private func audit(_ loaded: Loaded, cutover: CalendarDate) -> [AuditRow] {
        var registrations: [RegistrationKey: [Registration]] = [:]
        for user in loaded.users?.records ?? [] {
            registrations[RegistrationKey(vehicle: user.vehicle, user: user.user), default: []]
                .append(Registration(registeredOn: user.registeredOn, revokedOn: user.revokedOn))
        }
        var rows: [AuditRow] = []
        for (i, v) in loaded.violations.records.enumerated() {
            let owner = loaded.vehicles.entries[Int(v.vehicle)].owner
            let held = v.handler.map { registrations[RegistrationKey(vehicle: v.vehicle, user: $0)] ?? [] } ?? []
            if let finding = applyW3(nonSite: v.nonSite, occurredAt: v.occurredAt, processedAt: v.processedAt,
                                                  handler: v.handler, owner: owner, registrations: held, cutover: cutover) {
                rows.append(AuditRow(violation: i, finding: finding))
            }
        }
        let records = loaded.violations.records, entries = loaded.vehicles.entries
        return rows.sorted { x, y in
            let vx = records[x.violation], vy = records[y.violation]
            let dx = entries[Int(vx.vehicle)].detachment, dy = entries[Int(vy.vehicle)].detachment
            if dx != dy { return dx < dy }
            if vx.processedAt!.sortKey != vy.processedAt!.sortKey { return vx.processedAt!.sortKey < vy.processedAt!.sortKey }
            return vx.violationID < vy.violationID
        }
    }

    struct RegistrationKey: Hashable {
        var vehicle: Int32
        var user: IdentityNumber
    }

    /// W1: to the vehicle's owner, record = vin; fact = the set of its unprocessed violation ids.
    private func unprocessedNotice(_ group: UnprocessedViolations, _ vehicles: VehicleDirectory,
                                   _ context: RunContext) -> Notice {
        let entry = vehicles.entries[Int(group.vehicle)]
        let type = NoticeType.violationsUnprocessed
        let recipientType: Notice.RecipientType = entry.owner.type == .person ? .person : .unit
        let message = context.settings.templates.message(type.templateKey, [
            "owner_name": entry.ownerName, "you": recipientType.addressed, "plate_no": entry.plate,
            "count": String(group.count),
            "points": String(group.points), "fines": group.fines.decimal, "oldest_on": group.oldest.date.iso,
            "due_on": context.asOf.iso,
        ])
        return Notice(type: type, detachmentCode: entry.detachment,
                                 recipientType: recipientType,
                                 recipientID: entry.owner.id, recipientName: entry.ownerName, phone: entry.ownerPhone,
                                 recordID: entry.vin, dueOn: context.asOf, fact: NoticeFact.idSet(group.violationIDs),
                                 message: message)
    }

    /// W2: to the handler (a person), record = violation_id; fact = violation_id. The dump holds no
    /// handler phone: the owner's phone when the handler is the owner, else none (see
    /// docs/rules/violations.md).
    private func unpaidNotice(_ i: Int, dueOn: CalendarDate, _ violations: LoadedDataset<Violation>,
                              _ vehicles: VehicleDirectory, _ context: RunContext) -> Notice {
        let violation = violations.records[i]
        let entry = vehicles.entries[Int(violation.vehicle)]
        let handler = violation.handler!
        let handlerName = violations.store.field(i, ViolationValidator.Column.handlerName)
        let type = NoticeType.fineUnpaid
        let message = context.settings.templates.message(type.templateKey, [
            "handler_name": handlerName, "plate_no": entry.plate, "violation_id": violation.violationID,
            "fine": violation.fine.decimal, "due_on": dueOn.iso, "fine_due_days": String(settings.fineDueDays),
            "late_fee_percent": String(settings.lateFeePercentPerDay),
        ])
        return Notice(type: type, detachmentCode: entry.detachment, recipientType: .person,
                                 recipientID: handler.number, recipientName: handlerName,
                                 phone: entry.owner == .person(handler) ? entry.ownerPhone : "",
                                 recordID: violation.violationID, dueOn: dueOn, fact: violation.violationID,
                                 message: message)
    }

    /// W3: `violations.authorisation_audit.csv`.
    private func writeAudit(_ rows: [AuditRow], _ violations: LoadedDataset<Violation>, _ vehicles: VehicleDirectory,
                            to staging: StagingFolder) throws {
        typealias Column = ViolationValidator.Column
        let writer = try staging.csv("violations.authorisation_audit.csv", header: Self.auditColumns)
        for row in rows {
            let f = violations.store.fields(row.violation)
            let entry = vehicles.entries[Int(violations.records[row.violation].vehicle)]
            try writer.writeRow([
                f[Column.violationID], f[Column.plate], f[Column.plateType], entry.vin, f[Column.occurredAt],
                f[Column.processedAt], f[Column.handlerType], f[Column.handlerNumber], f[Column.handlerName],
                entry.owner.id, row.finding.rawValue, entry.detachment,
            ])
        }
        try writer.close()
    }

    private func summary(_ loaded: Loaded, _ unprocessed: [UnprocessedViolations], _ audit: [AuditRow],
                         _ notices: [Notice]) -> JSONValue {
        let records = loaded.violations.records, entries = loaded.vehicles.entries
        var byType = Dictionary(uniqueKeysWithValues: NoticeType.violationTypes.map { ($0.rawValue, 0) })
        var byFinding = Dictionary(uniqueKeysWithValues: AuthorisationFinding.allCases.map { ($0.rawValue, 0) })
        var byDetachment = DetachmentCounts()
        var unpaidFines = Money.zero
        for v in records {
            let d = entries[Int(v.vehicle)].detachment
            byDetachment.add(v.isProcessed ? "processed" : "unprocessed", in: d)
            if applyW2(processedAt: v.processedAt, fine: v.fine, paid: v.paid, dueDays: 0) != nil {
                unpaidFines = unpaidFines + v.fine
            }
        }
        for notice in notices {
            byType[notice.type.rawValue, default: 0] += 1
            byDetachment.add(notice.type.rawValue, in: notice.detachmentCode)
        }
        for row in audit {
            byFinding[row.finding.rawValue, default: 0] += 1
            byDetachment.add("W3_audit", in: entries[Int(records[row.violation].vehicle)].detachment)
        }
        let processed = records.filter(\.isProcessed).count
        return .object([
            ("processed", .int(processed)),
            ("unprocessed", .int(records.count - processed)),
            ("vehicle_users", .int(loaded.users?.records.count ?? 0)),
            ("ambiguous_plate_warnings", .int(loaded.vehicles.ambiguousPlates)),
            ("W1_vehicles_with_unprocessed", .int(unprocessed.count)),
            ("W2_unpaid_fines_yuan", .string(unpaidFines.decimal)),
            ("notices_by_type", .counts(byType)),
            ("W3_authorisation_audit", .object([("rows", .int(audit.count)), ("by_finding", .counts(byFinding))])),
            ("by_detachment", byDetachment.json),
        ])
    }
}
