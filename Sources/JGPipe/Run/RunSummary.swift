extension Pipeline {
    /// `summary.json`: every count, per dataset, rule and detachment; no clock time, so the
    /// same inputs (and ledger) give the same bytes. The report is drawn from the same value.
    static func summaryJSON(_ context: RunContext, _ outputs: [StageOutput], notices: [Notice],
                            delivery: NoticeDelivery, inputFolder: InputFolder) -> JSONValue {
        var byType: [String: Int] = [:]
        var byDetachment: [String: Int] = [:]
        // SPEC §4: notices whose phone is not a mobile still get their row, and are counted.
        var unreachable = 0, unreachableByType: [String: Int] = [:], unreachableByDetachment: [String: Int] = [:]
        var byPhoneKind = Dictionary(uniqueKeysWithValues: PhoneKind.allCases.map { ($0.rawValue, 0) })
        notices.withUnsafeBufferPointer { notices in
            for i in notices.indices {
                byType[notices[i].type.rawValue, default: 0] += 1
                byDetachment[notices[i].detachmentCode, default: 0] += 1
                byPhoneKind[notices[i].phoneKind.rawValue, default: 0] += 1
                if !notices[i].phoneKind.isSMSReachable {
                    unreachable += 1
                    unreachableByType[notices[i].type.rawValue, default: 0] += 1
                    unreachableByDetachment[notices[i].detachmentCode, default: 0] += 1
                }
            }
        }
        return JSONValue.object([
            ("tool_version", .string(JGPipeVersion.current)),
            ("as_of", .string(context.asOf.iso)),
            ("cutover_date", .string(context.settings.cutoverDate.iso)),
            ("effective_date", .string(context.effectiveDate.iso)),
            ("datasets", .object(context.inputs.datasets.map { ($0.0, $0.1.json) })),
            // SPEC §5: absent datasets are skipped, not zero rows; files matching no dataset are listed.
            ("skipped_datasets", .array(inputFolder.absent.map(JSONValue.string))),
            ("ignored_files", .array(inputFolder.ignored.map(JSONValue.string))),
        ] + outputs.flatMap(\.sections) + [
            ("notifications", .object([
                ("total", .int(notices.count)),
                ("not_sms_reachable", .int(unreachable)),
                ("by_type", .counts(byType)),
                ("by_detachment", .counts(byDetachment)),
                ("by_phone_kind", .counts(byPhoneKind)),
                ("not_sms_reachable_by_type", .counts(unreachableByType)),
                ("not_sms_reachable_by_detachment", .counts(unreachableByDetachment)),
                ("written", .int(delivery.written.count)),
                ("suppressed_already_published", .int(delivery.suppressed)),
                ("suppressed_published_by_older_version", .int(delivery.publishedByOlderVersion)),
            ])),
        ])
    }
}
