extension Pipeline {
    /// `summary.json`: every count, per dataset, rule and detachment; no clock time, so the
    /// same inputs (and ledger) give the same bytes. The report is drawn from the same value.
    /// `ledger`: the run kept a ledger (`--state`); without one every notice is written (SPEC §5).
    static func summaryJSON(_ context: RunContext, _ outputs: [StageOutput], delivery: NoticeDelivery,
                            inputFolder: InputFolder, ledger: Bool) -> JSONValue {
        let tally = context.notices.tally
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
                ("total", .int(context.notices.count)),
                ("not_sms_reachable", .int(tally.unreachable)),
                ("by_type", .counts(tally.byType)),
                ("by_detachment", .counts(tally.byDetachment)),
                ("by_phone_kind", .counts(tally.byPhoneKind)),
                ("not_sms_reachable_by_type", .counts(tally.unreachableByType)),
                ("not_sms_reachable_by_detachment", .counts(tally.unreachableByDetachment)),
                ("ledger", .bool(ledger)),
                ("written", .int(delivery.written)),
                ("suppressed_already_published", .int(delivery.suppressed)),
                ("suppressed_published_by_older_version", .int(delivery.adopted.count)),
            ])),
        ])
    }
}
