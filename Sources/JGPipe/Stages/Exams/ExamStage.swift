/// Driving-licence restoration exams (SPEC §2, measure 五): validation, scope, path E1–E4,
/// transition T1/T2, outputs and the exam notices of SPEC §4.
public struct ExamStage: PipelineStage {
    public let name = "exam_enrollments"
    public var datasets: [DatasetSchema] { [ExamEnrollmentValidator.schema] }
    let sets: ExamClassSets

    public init(settings: PipelineSettings) throws {
        sets = try ExamClassSets(settings.root.table("exams"))
    }

    static let addedColumns = [
        "scope", "case", "path", "required_subjects", "waived_subjects", "remaining_subjects", "transition_rule",
        "auto_restore_classes", "restored_classes", "effective_on",
    ]

    /// Row-local: enrollments are validated, decided and written a slice at a time
    /// (`RunInputs.stream`); only the summary's counts outlive a slice, the notices go to the run's
    /// collector slice by slice.
    public func run(_ context: RunContext) throws -> StageOutput {
        var output = StageOutput()
        guard let path = context.inputs.path("exam_enrollments") else { return output }
        let schema = ExamEnrollmentValidator.schema
        var rejected: RejectedFile?
        var cleaned: CSVWriter?
        var tally = ExamTally()
        _ = try context.inputs.stream(path, ExamEnrollmentValidator()) { header in
            rejected = try context.staging.openRejected("exam_enrollments", header: header)
            cleaned = try context.staging.openCleaned(header: header, schema: schema, added: Self.addedColumns)
        } prepare: { part in
            decide(part, context)
        } slice: { part, decided in
            guard let rejected, let cleaned else { return }
            try rejected.write(part.rejected)
            try StagingFolder.writeCleanedRows(part.store, count: part.records.count, schemaWidth: schema.columns.count,
                                               replacing: [], added: Self.addedColumns.count, to: cleaned,
                                               values: { decided.added[$0] }) { values, k, first in
                cleaned.appendField(values[k], first: first)
            }
            tally.add(decided.outcomes, decided.detachment, decided.notices)
            try context.notices.add(decided.notices)
        }
        if let rejected { output.rejections.append(try rejected.close()) }
        try cleaned?.close()
        output.addSection("exam_enrollments", tally.json)
        return output
    }

    /// Scope, path and transition for a part of a slice, its added columns and its notices, on
    /// the thread that validated it (`RunInputs.stream`'s `prepare`: it only reads).
    private func decide(_ part: ValidatedSlice<ExamEnrollment>, _ context: RunContext) -> DecidedEnrollments {
        let cutover = context.settings.cutoverDate
        let effectiveOn = context.effectiveDate.iso
        let outcomes = part.records.map { examOutcome($0, sets: sets, cutover: cutover) }
        let added = outcomes.map { o in
            [o.scope.rawValue, o.decision.examCase?.rawValue ?? "", o.decision.path.rawValue, o.decision.required.list,
             o.decision.waived.list, o.remaining.list, o.transition?.rule.rawValue ?? "",
             o.decision.autoRestore.description, o.restored.description, effectiveOn]
        }
        let detachment = part.records.map { context.settings.detachments.code(for: $0.region) }
        return DecidedEnrollments(outcomes: outcomes, added: added, detachment: detachment,
                                  notices: examNotices(part, outcomes, detachment, context))
    }

    private func examNotices(_ part: ValidatedSlice<ExamEnrollment>, _ outcomes: [ExamOutcome],
                             _ detachment: [String], _ context: RunContext) -> NoticeBatch {
        typealias Column = ExamEnrollmentValidator.Column
        let cutover = context.settings.cutoverDate
        var notices = NoticeBatch()
        for (i, enrollment) in part.records.enumerated() {
            guard let decision = examNotice(path: outcomes[i].decision.path, transition: outcomes[i].transition,
                                            subjects: enrollment.subjects, subject2BookedOn: enrollment.subject2BookedOn,
                                            cutover: cutover) else { continue }
            let name = part.store.field(i, Column.applicantName)
            let booked = enrollment.subject2BookedOn
            let point = context.servicePoints.point(for: decision.type, region: enrollment.region.value,
                                                    detachment: detachment[i])
            notices.append(Notice(
                type: decision.type, detachmentCode: detachment[i], recipientType: .person,
                recipientID: enrollment.applicant.number, recipientName: name,
                phone: part.store.field(i, Column.applicantPhone),
                recordID: enrollment.enrollmentID, dueOn: decision.dueOn, fact: decision.fact(subject2BookedOn: booked),
                message: context.settings.templates.message(decision.templateKey(subject2BookedOn: booked, cutover: cutover), [
                    "applicant_name": name, "enrollment_id": enrollment.enrollmentID,
                    "you": Notice.RecipientType.person.addressed, "booked_on": booked?.iso ?? "",
                    "subjects": decision.subjects.chineseNames, "due_on": decision.dueOn.iso,
                    "cutover_date": cutover.iso, "effective_on": context.effectiveDate.iso,
                    "service_point": point?.text ?? "",
                ]), servicePoint: point))
        }
        return notices
    }
}

/// What `ExamStage.decide` makes of a part of a slice, per row and its notices.
struct DecidedEnrollments {
    let outcomes: [ExamOutcome]
    /// `ExamStage.addedColumns` of each row.
    let added: [[String]]
    let detachment: [String]
    let notices: NoticeBatch
}
