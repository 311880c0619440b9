/// The `[licences]` section of the pipeline file (SPEC §7, 《机动车驾驶证申领和使用规定》).
public struct LicenceSettings: Equatable, Sendable {
    /// Status letters that close a licence (E 撤销, F 吊销, G 注销): D1–D3 skip it.
    public var closedStatuses: ClosedStatusLetters
    /// D1: a licence is renewed within 90 days before it expires; told this many days ahead.
    public var renewalNoticeDays: Int
    /// D2: the classes reviewed after each scoring cycle (大中型客货车).
    public var reviewClasses: LicenceClasses
    /// D3: the classes that submit a medical certificate every year (大中型客货车).
    public var medicalClasses: LicenceClasses
    /// D3: holders at least this old on C submit one every year too (70周岁以上).
    public var medicalAge: Int

    public static let defaults = LicenceSettings(closedStatuses: ClosedStatusLetters(["E", "F", "G"])!, renewalNoticeDays: 90,
                                                 reviewClasses: [.a1, .a2, .a3, .b1, .b2],
                                                 medicalClasses: [.a1, .a2, .a3, .b1, .b2], medicalAge: 70)

    public init(closedStatuses: ClosedStatusLetters, renewalNoticeDays: Int, reviewClasses: LicenceClasses,
                medicalClasses: LicenceClasses, medicalAge: Int) {
        self.closedStatuses = closedStatuses
        self.renewalNoticeDays = renewalNoticeDays
        self.reviewClasses = reviewClasses
        self.medicalClasses = medicalClasses
        self.medicalAge = medicalAge
    }

    public init(_ table: SettingsTable) throws {
        let defaults = LicenceSettings.defaults
        closedStatuses = try table.closedStatuses(default: defaults.closedStatuses)
        renewalNoticeDays = try table.int("renewal_notice_days", default: defaults.renewalNoticeDays, range: 0...3660)
        reviewClasses = try table.classes("review_classes", default: defaults.reviewClasses)
        medicalClasses = try table.classes("medical_classes", default: defaults.medicalClasses)
        medicalAge = try table.int("medical_age", default: defaults.medicalAge, range: 1...150)
    }
}

/// Driver licences (SPEC §7, measure 五.三 and 七 换证、审验、体检): validation, the scoring-cycle
/// date C, D1–D4, the cleaned file, the cancellation work list, holder notices and the
/// `driver_licences` summary section.
public struct LicenceStage: PipelineStage {
    public let name = "driver_licences"
    public var datasets: [DatasetSchema] { [DriverLicenceValidator.schema] }
    let settings: LicenceSettings
    /// SPEC §2's class sets S and L, which D4 shares with the restoration exams.
    let sets: ExamClassSets

    public init(settings: PipelineSettings) throws {
        self.settings = try LicenceSettings(settings.root.table("licences"))
        sets = try ExamClassSets(settings.root.table("exams"))
    }

    public static let worklistColumns = [
        "holder_id_type", "holder_id_no", "holder_name", "holder_phone", "region_code", "classes", "valid_until",
        "cancel_due_on", "days_overdue", "detachment_code",
    ]

    struct Cancellation {
        var licence: Int
        var dueOn: CalendarDate
        var daysOverdue: Int
    }

    public func run(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let licences = try load(context, &output) else { return output }
        let a = context.asOf
        let cycleEnd = licences.records.map { scoringCycleEnd(firstIssuedOn: $0.firstIssuedOn, asOf: a) }
        try context.staging.writeCleaned(licences, schema: DriverLicenceValidator.schema, added: ["cycle_end", "effective_on"]) { i in
            [cycleEnd[i]?.iso ?? "", a.iso]
        }
        let detachment = licences.records.map { context.settings.detachments.code(for: $0.region) }
        let closed = settings.closedStatuses
        var cancellations: [Cancellation] = []
        var notices: [Notice] = []
        for (i, licence) in licences.records.enumerated() {
            func notify(_ decision: LicenceNoticeDecision?, fact: CalendarDate) {
                guard let decision else { return }
                notices.append(notice(decision, fact: fact, cycleEnd: cycleEnd[i], licence: i, licences, detachment[i], context))
            }
            // D4 speaks to cancelled licences; D1–D3 to open ones (SPEC §7 "open licences unless said").
            notify(applyD4(cancelledForOverdueRenewal: licence.cancelledForOverdueRenewal,
                                          classes: licence.classes, sets: sets, validUntil: licence.validUntil,
                                          asOf: a, cutover: context.settings.cutoverDate), fact: licence.validUntil)
            guard !licence.status.isClosed(closed) else { continue }
            switch applyD1(validUntil: licence.validUntil, asOf: a, noticeDays: settings.renewalNoticeDays) {
            case let .notice(decision): notify(decision, fact: licence.validUntil)
            case let .cancel(dueOn, daysOverdue): cancellations.append(Cancellation(licence: i, dueOn: dueOn, daysOverdue: daysOverdue))
            case nil: break
            }
            if let c = cycleEnd[i] {
                notify(applyD2(classes: licence.classes, reviewClasses: settings.reviewClasses, cycleEnd: c,
                                       lastReviewedOn: licence.lastReviewedOn, asOf: a), fact: c)
                notify(applyD3(classes: licence.classes, medicalClasses: settings.medicalClasses,
                                        holder: licence.holder, medicalAge: settings.medicalAge, cycleEnd: c,
                                        lastMedicalOn: licence.lastMedicalOn, asOf: a), fact: c)
            }
        }
        cancellations.sort { x, y in
            let dx = detachment[x.licence], dy = detachment[y.licence]
            if dx != dy { return dx < dy }
            if x.dueOn != y.dueOn { return x.dueOn < y.dueOn }
            return licences.records[x.licence].holder.number < licences.records[y.licence].holder.number
        }
        try writeWorklist(cancellations, licences, detachment, to: context.staging)
        context.notices.add(notices)
        output.addSection("driver_licences", summary(licences, cycleEnd, detachment, cancellations, notices))
        return output
    }

    public func validate(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        _ = try load(context, &output)
        return output
    }

    /// Reads `driver_licences.csv` and writes its rejected rows; nil when the file is absent.
    private func load(_ context: RunContext, _ output: inout StageOutput) throws -> LoadedDataset<DriverLicence>? {
        guard let path = context.inputs.path("driver_licences") else { return nil }
        let licences = try context.inputs.load(path, DriverLicenceValidator())
        output.rejections.append(try context.staging.writeRejected("driver_licences", header: licences.header,
                                                                   rows: licences.rejected))
        return licences
    }

    /// SPEC §7: to the holder (person), record = holder_id_no. `fact` is what the notice reports
    /// (D1, D4: valid_until; D2, D3: C), its identity across nights (SPEC §4).
    private func notice(_ decision: LicenceNoticeDecision, fact: CalendarDate, cycleEnd: CalendarDate?, licence i: Int,
                        _ licences: LoadedDataset<DriverLicence>, _ detachment: String, _ context: RunContext) -> Notice {
        typealias Column = DriverLicenceValidator.Column
        let licence = licences.records[i]
        let fields = licences.store.fields(i)
        let subjects: ExamSubjects = decision.type == .restorationExamsReduced ? [.s1, .s3Road] : .s1
        let message = context.settings.templates.message(decision.type.templateKey, [
            "holder_name": fields[Column.holderName], "classes": licence.classes.description,
            "valid_until": licence.validUntil.iso, "cycle_end": cycleEnd?.iso ?? "", "due_on": decision.dueOn.iso,
            "renewal_notice_days": String(settings.renewalNoticeDays), "cutover_date": context.settings.cutoverDate.iso,
            "subjects": subjects.chineseNames,
        ])
        return Notice(type: decision.type, detachmentCode: detachment, recipientType: .person,
                                 recipientID: licence.holder.number, recipientName: fields[Column.holderName],
                                 phone: fields[Column.holderPhone], recordID: licence.holder.number,
                                 dueOn: decision.dueOn, fact: fact.iso, message: message)
    }

    /// D1: `driver_licences.cancellation_worklist.csv`, ordered by detachment_code, cancel_due_on,
    /// holder_id_no.
    private func writeWorklist(_ cancellations: [Cancellation], _ licences: LoadedDataset<DriverLicence>,
                               _ detachment: [String], to staging: StagingFolder) throws {
        typealias Column = DriverLicenceValidator.Column
        let writer = try staging.csv("driver_licences.cancellation_worklist.csv", header: Self.worklistColumns)
        for row in cancellations {
            let f = licences.store.fields(row.licence)
            try writer.writeRow([
                f[Column.holderType], f[Column.holderNumber], f[Column.holderName], f[Column.holderPhone],
                f[Column.region], f[Column.classes], f[Column.validUntil], row.dueOn.iso, String(row.daysOverdue),
                detachment[row.licence],
            ])
        }
        try writer.close()
    }

    private func summary(_ licences: LoadedDataset<DriverLicence>, _ cycleEnd: [CalendarDate?], _ detachment: [String],
                         _ cancellations: [Cancellation], _ notices: [Notice]) -> JSONValue {
        var byType = Dictionary(uniqueKeysWithValues: NoticeType.licenceTypes.map { ($0.rawValue, 0) })
        var byDetachment = DetachmentCounts()
        let closed = settings.closedStatuses
        var closedCount = 0
        for (i, licence) in licences.records.enumerated() {
            let isClosed = licence.status.isClosed(closed)
            if isClosed { closedCount += 1 }
            byDetachment.add(isClosed ? "closed" : "open", in: detachment[i])
        }
        for notice in notices {
            byType[notice.type.rawValue, default: 0] += 1
            byDetachment.add(notice.type.rawValue, in: notice.detachmentCode)
        }
        for row in cancellations {
            byDetachment.add("D1_cancellation_worklist", in: detachment[row.licence])
        }
        return .object([
            ("open", .int(licences.records.count - closedCount)),
            ("closed", .int(closedCount)),
            ("cycle_end_set", .int(cycleEnd.filter { $0 != nil }.count)),
            ("notices_by_type", .counts(byType)),
            ("D1_cancellation_worklist", .object([
                ("rows", .int(cancellations.count)),
                ("oldest_cancel_due_on", .string(cancellations.map(\.dueOn).min()?.iso ?? "")),
            ])),
            ("by_detachment", byDetachment.json),
        ])
    }
}
