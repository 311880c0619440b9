/// Service points (SPEC §9, measure 七.一 维护服务网点信息): validation with the gaps of P1, the
/// 25 June deadline (P2), coverage of the services this run's notices send people to (P3), the
/// weekly spot check (P4), the public's corrections (P5), and each detachment's counts. It runs
/// after the other stages, since P3 reads the run's notices (in both engines: its files are small).
public struct ServicePointStage: PipelineStage {
    public let name = "service_points"
    public var datasets: [DatasetSchema] { Self.schemas }
    static let schemas = [ServicePointValidator.schema, ServicePointFeedbackValidator.schema]
    public static let datasetNames = schemas.map(\.name)
    let settings: ServicePointSettings

    public init(settings: PipelineSettings) throws {
        self.settings = try ServicePointSettings(settings.root.table("service_points"))
    }

    public static let gapColumns = ["detachment_code", "point_id", "point_name", "field", "problem", "value"]
    public static let spotCheckAdded = ["check_result", "checked_by"]
    public static let feedbackColumns = ["detachment_code", "feedback_id", "point_id", "point_name", "field",
                                         "reported_value", "received_on", "days_open"]
    public static let byDetachmentColumns = ["detachment_code", "detachment_name", "points", "open", "complete",
                                             "verified", "gaps", "verification_overdue", "coverage_gaps",
                                             "feedback_overdue", "gaps_by_field"]

    public func run(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let path = context.inputs.path("service_points") else { return output }
        let a = context.asOf
        let loaded = try context.inputs.load(path, ServicePointValidator(settings: settings))
        output.rejections.append(try context.staging.writeRejected("service_points", header: loaded.header,
                                                                   rows: loaded.rejected))
        let points = loaded.records
        let detachment = points.map { $0.region.map(context.settings.detachments.code(for:)) ?? "" }
        let verified = points.map { isVerified($0.verifiedOn, from: settings.verifyFrom, asOf: a) }
        try context.staging.writeCleaned(loaded, schema: ServicePointValidator.schema,
                                         added: ["detachment_code", "complete", "verified"]) { i in
            [detachment[i], points[i].isComplete ? "Y" : "N", verified[i] ? "Y" : "N"]
        }
        var tally = ServicePointTally()
        for (i, point) in points.enumerated() {
            tally.add(point, verified: verified[i], detachment: detachment[i])
        }

        // P1, P2 and P3: per detachment, the points' gaps in point_id order, then the services
        // the run's notices need that no open, complete point of the detachment offers.
        let order = points.indices.sorted { (detachment[$0], points[$0].id) < (detachment[$1], points[$1].id) }
        var rows: [String: [[String]]] = [:]
        var offered: [String: Set<String>] = [:]
        let verifiedName = loaded.header.columnName(ServicePointValidator.Column.verifiedOn.rawValue,
                                                    in: ServicePointValidator.schema)
        for i in order {
            let point = points[i], code = detachment[i]
            for gap in point.gaps { rows[code, default: []].append([code, point.id, point.name, gap.field, gap.problem, gap.value]) }
            if isVerificationOverdue(isOpen: point.isOpen, verified: verified[i], verifyBy: settings.verifyBy, asOf: a) {
                rows[code, default: []].append([code, point.id, point.name, verifiedName,
                                                "逾期未核查（应于\(settings.verifyBy.iso)前核查）", point.verifiedOn?.iso ?? ""])
                tally.addVerificationOverdue(code)
            }
            if point.isOpen && point.isComplete { offered[code, default: []].formUnion(point.services) }
        }
        let needed = context.notices.tally.typesByDetachment.mapValues { Set($0.compactMap(\.service)) }
        let servicesName = loaded.header.columnName(ServicePointValidator.Column.services.rawValue,
                                                    in: ServicePointValidator.schema)
        for (code, services) in needed where !code.isEmpty && !services.isEmpty {
            for service in coverageGaps(needed: services, offered: offered[code] ?? [], order: settings.services) {
                rows[code, default: []].append([code, "", "", servicesName, "本支队没有提供该业务的完整网点，通知无法指引到线下网点", service])
                tally.addCoverageGap(code)
            }
        }
        let gaps = try context.staging.csv("service_points.gaps.csv", header: Self.gapColumns)
        for code in rows.keys.sorted() { for row in rows[code]! { try gaps.writeRow(row) } }
        try gaps.close()

        try writeSpotCheck(loaded, detachment: detachment, context)
        let feedback = try feedbackWorklist(points, detachment: detachment, context, into: &output)
        for row in feedback { tally.addFeedbackOverdue(row[0]) }
        let worklist = try context.staging.csv("service_points.feedback_worklist.csv", header: Self.feedbackColumns)
        for row in feedback { try worklist.writeRow(row) }
        try worklist.close()

        let byDetachment = try context.staging.csv("service_points.by_detachment.csv", header: Self.byDetachmentColumns)
        for row in tally.rows(names: context.settings.detachments.name(of:)) { try byDetachment.writeRow(row) }
        try byDetachment.close()
        output.addSection("service_points", tally.json)
        return output
    }

    /// `jgpipe validate`: the points and the corrections read as `run` reads them, their rejected
    /// files only.
    public func validate(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let path = context.inputs.path("service_points") else { return output }
        let loaded = try context.inputs.load(path, ServicePointValidator(settings: settings))
        output.rejections.append(try context.staging.writeRejected("service_points", header: loaded.header,
                                                                   rows: loaded.rejected))
        if let feedbackPath = context.inputs.path("service_point_feedback") {
            let feedback = try context.inputs.load(feedbackPath, ServicePointFeedbackValidator(points: Self.index(loaded.records)))
            output.rejections.append(try context.staging.writeRejected("service_point_feedback", header: feedback.header,
                                                                       rows: feedback.rejected))
        }
        return output
    }

    /// point_id → the point's index (ids are unique among the kept points: the key).
    static func index(_ points: [ServicePoint]) -> [String: Int] {
        Dictionary(points.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// P4: per detachment, the week's sample of its open points, every field of the row, and the
    /// checker's two columns left empty.
    private func writeSpotCheck(_ loaded: LoadedDataset<ServicePoint>, detachment: [String], _ context: RunContext) throws {
        let header = ["detachment_code"] + ServicePointValidator.schema.columnNames + Self.spotCheckAdded
        let writer = try context.staging.csv("service_points.spot_check.csv", header: header)
        let open = loaded.records.indices.filter { loaded.records[$0].isOpen && !detachment[$0].isEmpty }
        let byCode = Dictionary(grouping: open) { detachment[$0] }
        let width = ServicePointValidator.schema.columns.count
        for code in byCode.keys.sorted() {
            let rows = byCode[code]!
            let index = Dictionary(uniqueKeysWithValues: rows.map { (loaded.records[$0].id, $0) })
            for id in spotCheckSample(rows.map { loaded.records[$0].id }, share: settings.spotCheckShare,
                                      minimum: settings.spotCheckMin, asOf: context.asOf) {
                try writer.writeRow([code] + loaded.store.fields(index[id]!).prefix(width) + ["", ""])
            }
        }
        try writer.close()
    }

    /// P5: `service_point_feedback.csv` validated against the points, its cleaned and rejected
    /// files, and the overdue rows ordered by detachment, received_on, feedback_id.
    private func feedbackWorklist(_ points: [ServicePoint], detachment: [String], _ context: RunContext,
                                  into output: inout StageOutput) throws -> [[String]] {
        guard let path = context.inputs.path("service_point_feedback") else { return [] }
        let loaded = try context.inputs.load(path, ServicePointFeedbackValidator(points: Self.index(points)))
        output.rejections.append(try context.staging.writeRejected("service_point_feedback", header: loaded.header,
                                                                   rows: loaded.rejected))
        try context.staging.writeCleaned(loaded, schema: ServicePointFeedbackValidator.schema, added: []) { _ in [] }
        typealias Column = ServicePointFeedbackValidator.Column
        var rows: [(key: (String, Int32, String), row: [String])] = []
        for (i, feedback) in loaded.records.enumerated() {
            guard let days = overdueFeedbackDays(receivedOn: feedback.receivedOn, resolvedOn: feedback.resolvedOn,
                                                 feedbackDays: settings.feedbackDays, asOf: context.asOf) else { continue }
            let point = points[feedback.point], code = detachment[feedback.point]
            rows.append(((code, feedback.receivedOn.dayNumber, feedback.id),
                         [code, feedback.id, point.id, point.name, loaded.store.field(i, Column.field),
                          loaded.store.field(i, Column.reportedValue), feedback.receivedOn.iso, String(days)]))
        }
        return rows.sorted { $0.key < $1.key }.map(\.row)
    }
}
