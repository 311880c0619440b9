/// Driver licences (SPEC §7, measure 五.三 and 七 换证、审验、体检): validation, the scoring-cycle
/// date C, D1–D5, the cleaned file, the cancellation work list, holder notices and the
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

    public static let worklistColumns = CancellationRow.shownColumns.map(\.name) + [
        "reason", "article", "cancel_due_on", "days_overdue", "detachment_code",
    ]

    /// Row-local: licences are validated, decided (C, D1–D5) and written a slice at a time
    /// (`RunInputs.stream`); only the work-list rows, the notices and the summary's counts
    /// outlive a slice.
    public func run(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let path = context.inputs.path("driver_licences") else { return output }
        let schema = DriverLicenceValidator.schema
        let a = context.asOf
        var rejected: RejectedFile?
        var cleaned: CSVWriter?
        var cancellations: [CancellationRow] = []
        var tally = LicenceTally()
        _ = try context.inputs.stream(path, DriverLicenceValidator()) { header in
            rejected = try context.staging.openRejected("driver_licences", header: header)
            cleaned = try context.staging.openCleaned(header: header, schema: schema,
                                                      added: ["cycle_end", "age_on_a", "effective_on"])
        } prepare: { part in
            decide(part, context)
        } slice: { part, decided in
            guard let rejected, let cleaned else { return }
            try rejected.write(part.rejected)
            try StagingFolder.writeCleanedRows(part.store, count: part.records.count, schemaWidth: schema.columns.count,
                                            replacing: [], added: 3, to: cleaned, values: { i in
                                                [decided.cycleEnd[i]?.iso ?? "", decided.ageOnA[i].map(String.init) ?? "",
                                                 a.iso]
                                            }) { values, k, first in cleaned.appendField(values[k], first: first) }
            for i in part.records.indices {
                tally.add(closed: decided.closed[i], cycleEndSet: decided.cycleEnd[i] != nil, detachment: decided.detachment[i])
            }
            tally.add(unknown: decided.unknown)
            for (i, cancellation) in decided.cancellations {
                let row = CancellationRow(cancellation, asOf: a, holderNumber: part.records[i].holder.number,
                                          detachment: decided.detachment[i], fields: part.store, row: i)
                tally.add(row)
                cancellations.append(row)
            }
            tally.add(decided.notices)
            // Handed over slice by slice, in input order as before: the run's collector copies them.
            try context.notices.add(decided.notices)
        }
        if let rejected { output.rejections.append(try rejected.close()) }
        try cleaned?.close()
        cancellations.sort { x, y in
            if x.detachment != y.detachment { return x.detachment < y.detachment }
            if x.dueOn != y.dueOn { return x.dueOn < y.dueOn }
            return x.holderNumber < y.holderNumber
        }
        try writeWorklist(cancellations, to: context.staging)
        output.addSection("driver_licences", tally.json)
        return output
    }

    /// C and D1–D5 for a part of a slice, its notices made and packed, on the thread that
    /// validated it (`RunInputs.stream`'s `prepare`: it only reads).
    private func decide(_ part: ValidatedSlice<DriverLicence>, _ context: RunContext) -> DecidedLicences {
        let a = context.asOf
        var decided = DecidedLicences()
        decided.cycleEnd = part.records.map { scoringCycleEnd(firstIssuedOn: $0.firstIssuedOn, asOf: a) }
        for (i, licence) in part.records.enumerated() {
            let detachment = context.settings.detachments.code(for: licence.region)
            let isClosed = licence.status.isClosed(settings.closedStatuses)
            let born = licence.birthDate
            decided.detachment.append(detachment)
            decided.closed.append(isClosed)
            decided.ageOnA.append(holderAge(born: born, on: a))
            let cycleEnd = decided.cycleEnd[i]
            func notify(_ decision: LicenceNoticeDecision?, fact: CalendarDate) {
                guard let decision else { return }
                decided.notices.append(notice(decision, fact: fact, cycleEnd: cycleEnd, licence, part.store, i, detachment,
                                              context))
            }
            // D4 speaks to cancelled licences; D1–D3 and D5 to open ones (SPEC §7 "open licences unless said").
            notify(applyD4(cancelledForOverdueRenewal: licence.cancelledForOverdueRenewal,
                           classes: licence.classes, sets: sets, validUntil: licence.validUntil,
                           asOf: a, cutover: context.settings.cutoverDate), fact: licence.validUntil)
            guard !isClosed else { continue }
            // D3 and D5 may need the age of any open licence: one without it is counted once.
            if born == nil { decided.unknown.append((detachment, .age)) }
            var cancellation: LicenceCancellation?
            switch applyD1(validUntil: licence.validUntil, asOf: a, noticeDays: settings.renewalNoticeDays) {
            case let .notice(decision): notify(decision, fact: licence.validUntil)
            case let .cancel(dueOn, _): cancellation = LicenceCancellation(reason: .overdueRenewal, dueOn: dueOn)
            case nil: break
            }
            if let c = cycleEnd {
                switch applyD2(classes: licence.classes, reviewClasses: settings.reviewClasses, cycleEnd: c,
                               points: licence.points, pointsCycleEnd: licence.pointsCycleEnd,
                               reviewFlag: licence.reviewFlag, lastReviewedOn: licence.lastReviewedOn, asOf: a) {
                case let .notice(decision)?: notify(decision, fact: c)
                case .unknown?: decided.unknown.append((detachment, .review))
                case nil: break
                }
                notify(applyD3(classes: licence.classes, medicalClasses: settings.medicalClasses,
                               ageOnCycleEnd: holderAge(born: born, on: c), medicalAge: settings.medicalAge,
                               cycleNumber: licence.firstIssuedOn.fullYears(until: c),
                               c5Cycles: settings.c5MedicalCycles, cycleEnd: c, lastMedicalOn: licence.lastMedicalOn,
                               asOf: a), fact: c)
            }
            if cancellation == nil,
               let since = noMedicalCertificateSince(firstIssuedOn: licence.firstIssuedOn, classes: licence.classes,
                                                     birthDate: born, lastMedicalOn: licence.lastMedicalOn,
                                                     medicalAge: settings.medicalAge,
                                                     c5Cycles: settings.c5MedicalCycles, asOf: a) {
                cancellation = LicenceCancellation(reason: .noMedicalCertificate, dueOn: since)
            }
            // D5: a licence past its renewal year is cancelled, not exchanged; one left with no
            // class is a cancellation (第七十九条第一款第十项), not a notice.
            if cancellation?.reason != .overdueRenewal,
               let change = applyD5(classes: licence.classes, birthDate: born, asOf: a, lapsing: settings.lapsing) {
                if !change.leavesNoClass {
                    notify(LicenceNoticeDecision(type: .licenceAgeClassChange, dueOn: a.adding(days: 30),
                                                 reason: .ageClassChange(change)), fact: change.birthday)
                } else if cancellation == nil {
                    cancellation = LicenceCancellation(reason: .ageOnlyClasses, dueOn: change.birthday)
                }
            }
            if let cancellation { decided.cancellations.append((i, cancellation)) }
        }
        return decided
    }

    /// Streams `driver_licences.csv` for its rejected rows only.
    public func validate(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let path = context.inputs.path("driver_licences") else { return output }
        if let digest = try context.writeRejectedOnly(path, DriverLicenceValidator()) { output.rejections.append(digest) }
        return output
    }

    /// SPEC §7: to the holder (person), record = holder_id_no. `fact` is what the notice reports
    /// (D1, D4: valid_until; D2, D3: C; D5: the birthday), its identity across nights (SPEC §4).
    private func notice(_ decision: LicenceNoticeDecision, fact: CalendarDate, cycleEnd: CalendarDate?,
                        _ licence: DriverLicence, _ store: RowStore, _ i: Int, _ detachment: String,
                        _ context: RunContext) -> Notice {
        typealias Column = DriverLicenceValidator.Column
        let holderName = store.field(i, Column.holderName)
        let subjects: ExamSubjects = decision.type == .restorationExamsReduced ? [.s1, .s3Road] : .s1
        var change: AgeClassChange?
        var points = ""
        switch decision.reason {
        case let .ageClassChange(c)?: change = c
        case let .points(p)?: points = String(p)
        default: break
        }
        let point = context.servicePoints.point(for: decision.type, region: licence.region.value, detachment: detachment)
        let message = context.settings.templates.message(decision.type.templateKey, [
            "service_point": point?.text ?? "",
            "reason": decision.reason?.text(cycleEnd: cycleEnd) ?? "", "points": points,
            "age": change.map { String($0.age) } ?? "", "lapsing_classes": change?.lapsing.description ?? "",
            "new_classes": change?.newClassesText ?? "",
            "holder_name": holderName, "classes": licence.classes.description,
            "valid_until": licence.validUntil.iso, "cycle_end": cycleEnd?.iso ?? "", "due_on": decision.dueOn.iso,
            "renewal_notice_days": String(settings.renewalNoticeDays), "cutover_date": context.settings.cutoverDate.iso,
            "subjects": subjects.chineseNames,
        ])
        return Notice(type: decision.type, detachmentCode: detachment, recipientType: .person,
                      recipientID: licence.holder.number, recipientName: holderName,
                      phone: store.field(i, Column.holderPhone), recordID: licence.holder.number,
                      dueOn: decision.dueOn, fact: fact.iso, message: message, servicePoint: point)
    }

    /// 第七十九条: `driver_licences.cancellation_worklist.csv`, ordered by detachment_code,
    /// cancel_due_on, holder_id_no.
    private func writeWorklist(_ rows: [CancellationRow], to staging: StagingFolder) throws {
        let writer = try staging.csv("driver_licences.cancellation_worklist.csv", header: Self.worklistColumns)
        for row in rows {
            try writer.writeRow(row.fields + [row.reason.rawValue, row.reason.article, row.dueOn.iso,
                                              String(row.daysOverdue), row.detachment])
        }
        try writer.close()
    }
}

/// What `LicenceStage.decide` makes of a part of a slice: per row C, the age on A, closed and
/// the detachment; the rows for the cancellation work list; the licences a rule could not judge;
/// the notices.
struct DecidedLicences {
    var cycleEnd: [CalendarDate?] = []
    var ageOnA: [Int?] = []
    var closed: [Bool] = []
    var detachment: [String] = []
    var cancellations: [(row: Int, cancellation: LicenceCancellation)] = []
    var unknown: [(detachment: String, kind: LicenceTally.Unknown)] = []
    var notices = NoticeBatch()
}
