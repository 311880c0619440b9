/// `unit_accounts.removed.csv`, 被清理单位账号导出 (SPEC §1): the accounts R1–R3 disable, ordered by
/// detachment_code, unit_code, account_id, each with its rule's reason naming the caps in force.
struct RemovalExport {
    static let fileName = "unit_accounts.removed.csv"
    typealias Column = UnitAccountValidator.Column
    /// The account's canonical fields the export copies, before and after the unit's name.
    static let before = [Column.accountID, .unitCode]
    static let after = [Column.holderType, .holderNumber, .holderName, .holderPhone, .registeredAt]
    static let columns = before.map(\.name) + [UnitValidator.Column.name.name] + after.map(\.name) + [
        "cleanup_rule", "reason", "kept_account_id", "disable_on", "detachment_code",
    ]

    let caps: CleanupCaps
    /// E, the day the accounts are disabled.
    let disableOn: String

    /// Writes the export. Returns each unit's removal fact (SPEC §4: the identity of its cleanup
    /// notice): a hash of its removed account ids in export order, empty for a unit that loses none.
    func write(_ records: [UnitAccount], _ store: RowStore, _ decisions: [AccountDecision], _ units: LoadedDataset<Unit>,
               _ detachment: [String], _ unitOrder: [Int32], to staging: StagingFolder) throws -> [String] {
        let removed = Self.removalOrder(records, decisions, unitOrder: unitOrder)
        let writer = try staging.csv(Self.fileName, header: Self.columns)
        let ruleFields = CleanupRule.allCases.map { rule in
            [rule.rawValue, rule.reason(caps)].map(CSVWriter.encodedField)
        }
        let disableOn = CSVWriter.encodedField(disableOn)
        let keptByR1 = r1KeptAccounts(records, decisions)
        var facts = [String](repeating: "", count: units.records.count)
        var unitIDs: [String] = []
        let before = Self.before, after = Self.after
        try units.store.withFields { unitFields in
            try store.withFields { fields in
                for (k, entry) in removed.enumerated() {
                    let i = Int(entry.index), unit = Int(entry.unit)
                    for column in before { writer.appendField(bytes: fields.field(i, column), first: column == before[0]) }
                    writer.appendField(bytes: unitFields.field(unit, UnitValidator.Column.name), first: false)
                    for column in after { writer.appendField(bytes: fields.field(i, column), first: false) }
                    for field in ruleFields[entry.rule.position] {
                        field.withUnsafeBufferPointer { writer.appendEncoded(field: $0, first: false) }
                    }
                    if let kept = keptByR1[entry.index] {
                        writer.appendField(bytes: fields.field(Int(kept), Column.accountID), first: false)
                    } else {
                        writer.appendField("", first: false)
                    }
                    disableOn.withUnsafeBufferPointer { writer.appendEncoded(field: $0, first: false) }
                    writer.appendField(detachment[unit], first: false)
                    try writer.endRow()
                    // The export is in unit order, each unit's accounts in account-id order.
                    unitIDs.append(store.field(i, Column.accountID))
                    if k + 1 == removed.count || removed[k + 1].unit != entry.unit {
                        facts[unit] = Notice.identity(unitIDs)
                        unitIDs.removeAll(keepingCapacity: true)
                    }
                }
            }
        }
        try writer.close()
        return facts
    }

    /// The removed accounts in export order.
    private static func removalOrder(_ records: [UnitAccount], _ decisions: [AccountDecision],
                                     unitOrder: [Int32]) -> [RemovalOrder] {
        var unitRank = [UInt32](repeating: 0, count: unitOrder.count)
        for (rank, u) in unitOrder.enumerated() { unitRank[Int(u)] = UInt32(rank) }
        var removed: [RemovalOrder] = []
        for (i, decision) in decisions.enumerated() {
            guard let rule = decision.removedBy else { continue }
            let account = records[i]
            removed.append(RemovalOrder(unitRank: unitRank[Int(account.unit)], idKey: account.idKey, index: Int32(i),
                                        unit: account.unit, rule: rule))
        }
        removed.sort()
        return removed
    }
}

/// The removal export's order: unit rank (detachment_code, unit_code), account id, then index;
/// with what the row needs of the account's record and decision, read in input order.
private struct RemovalOrder: Comparable {
    let unitRank: UInt32
    let idKey: UInt64
    let index: Int32
    let unit: Int32
    let rule: CleanupRule

    static func == (a: RemovalOrder, b: RemovalOrder) -> Bool { a.index == b.index }

    static func < (a: RemovalOrder, b: RemovalOrder) -> Bool {
        (a.unitRank, a.idKey, a.index) < (b.unitRank, b.idKey, b.index)
    }
}
