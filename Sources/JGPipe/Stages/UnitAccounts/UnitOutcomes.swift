/// What the cleanup of a set of whole units' accounts gives after R1–R3, C1 and C2: C3, the
/// per-unit tallies, the removal export and the contact list (written on creation), then the
/// notices and the `unit_accounts` summary section. The embedded stage makes it over every unit;
/// a Spark task over a range of units in output order (`UnitAccountTasks.outputs`), whose files
/// concatenated in range order are the embedded ones.
struct UnitOutcomes {
    let unitOrder: [Int32]
    let tallies: UnitTallies
    let coverage: [LegalPersonCoverage]
    /// Per unit, the identity of its cleanup notice (`RemovalExport.write`).
    let removedFacts: [String]

    /// `records[i]` (canonical fields `store.fields(i)`, `unit` indexing `units`) has decision
    /// `decisions[i]`; every account of a unit that has one here is here.
    init(units: LoadedDataset<Unit>, detachment: [String], records: [UnitAccount], store: RowStore,
         decisions: [AccountDecision], caps: CleanupCaps, context: RunContext) throws {
        let activeRoles = decisions.indices.lazy.filter { decisions[$0].status == .active }
            .map { (unit: records[$0].unit, role: decisions[$0].role) }
        let coverage = applyC3(unitCount: units.records.count, activeRoles: activeRoles)
        let unitOrder = unitsInOutputOrder(units, detachment)
        let exported = Result {
            try RemovalExport(caps: caps, disableOn: context.effectiveDate.iso)
                .write(records, store, decisions, units, detachment, unitOrder, to: context.staging)
        }
        let tallies = UnitTallies(records, decisions, unitCount: units.records.count)
        try UnitContactList(records, decisions, unitLegalPerson: units.records.map(\.legalPerson))
            .write(units: units, accounts: store, unitOrder: unitOrder, detachment: detachment, tallies: tallies,
                   coverage: coverage, context: context)
        self.coverage = coverage
        self.unitOrder = unitOrder
        self.tallies = tallies
        removedFacts = try exported.get()
    }

    func notices(_ units: LoadedDataset<Unit>, _ detachment: [String], caps: CleanupCaps,
                 context: RunContext) throws -> [Notice] {
        try UnitNotices(caps: caps, context: context).make(units, detachment, unitOrder, tallies, coverage, removedFacts)
    }

    func summary(_ units: LoadedDataset<Unit>, _ detachment: [String], caps: CleanupCaps) -> JSONValue {
        accountSummary(tallies, coverage, units, detachment, caps: caps)
    }
}
