/// The rows of `unit_accounts.cleaned.csv`. The new values (status, role, permit, then
/// cleanup_rule, disable_on, effective_on) take one of `AccountDecision.combinations`: each
/// combination's fields are encoded once (`EncodedDecisions`) and copied into every row.
func writeCleanedAccounts(_ accounts: LoadedDataset<UnitAccount>, _ decisions: [AccountDecision],
                          effectiveOn: String, to writer: CSVWriter) throws {
    typealias Column = UnitAccountValidator.Column
    let encoded = EncodedDecisions(effectiveOn: effectiveOn)
    try encoded.bytes.withUnsafeBufferPointer { bytes in
        try StagingFolder.writeCleanedRows(accounts.store, count: accounts.records.count,
                                        schemaWidth: UnitAccountValidator.schema.columns.count,
                                        replacing: [Column.status, .role, .permit].positions, added: 3, to: writer,
                                        values: { decisions[$0].combination * EncodedDecisions.width }) { first, k, isFirst in
            writer.appendEncoded(field: UnsafeBufferPointer(rebasing: bytes[encoded.range(first + k)]), first: isFirst)
        }
    }
}

/// The six new fields of every decision combination, CSV-encoded, in one flat buffer: the k-th
/// field of combination c is `bytes[range(c * width + k)]`.
struct EncodedDecisions {
    static let width = 6

    private(set) var bytes: [UInt8] = []
    private var starts = [0]

    init(effectiveOn: String) {
        for combination in 0..<AccountDecision.combinations {
            let decision = AccountDecision(combination: combination)
            for value in [decision.status.rawValue, decision.role.rawValue, decision.permit.rawValue,
                          decision.removedBy?.rawValue ?? "", decision.removedBy == nil ? "" : effectiveOn, effectiveOn] {
                bytes += CSVWriter.encodedField(value)
                starts.append(bytes.count)
            }
        }
    }

    func range(_ field: Int) -> Range<Int> { starts[field]..<starts[field + 1] }
}
