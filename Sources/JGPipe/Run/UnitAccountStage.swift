/// SPEC §1 caps and the R2 reading from `[unit_accounts]`.
extension CleanupCaps {
    init(_ table: SettingsTable) throws {
        self.init(perPersonPerUnit: try table.int("max_accounts_per_person_per_unit", default: 1, range: 1...1000),
                  perUnit: try table.int("max_accounts_per_unit", default: 10, range: 1...100_000),
                  unitsPerPerson: try table.int("max_units_per_person", default: 3, range: 1...100_000),
                  r2SparesLegalPerson: try table.bool("r2_spares_legal_person", default: false))
    }

    /// The `{placeholder}` values of the caps, for the unit notices (SPEC §4 "Wording").
    func placeholder(_ key: String) -> String? {
        switch key {
        case "max_accounts_per_person_per_unit": String(perPersonPerUnit)
        case "max_accounts_per_unit": String(perUnit)
        case "max_units_per_person": String(unitsPerPerson)
        default: nil
        }
    }

    /// The R2 reading that ran, as the summary names it.
    var r2Reading: String { r2SparesLegalPerson ? "legal_person_accounts_spared" : "every_account_counts" }
}

/// Units and unit accounts (SPEC §1, measure 八): validation, R1–R3, C1–C3, outputs and notices.
public struct UnitAccountStage: PipelineStage {
    public let name = "unit_accounts"
    public var datasets: [DatasetSchema] { [UnitValidator.schema, UnitAccountValidator.schema] }
    let caps: CleanupCaps

    public init(settings: PipelineSettings) throws {
        caps = try CleanupCaps(settings.root.table("unit_accounts"))
    }

    /// Loads units, then accounts (checked against the units), writing both rejected files;
    /// `afterUnits` runs between the two. Nil when units are absent. Shared by `run` and `validate`.
    private func load(_ context: RunContext, afterUnits: (LoadedDataset<Unit>) throws -> Void = { _ in })
        throws -> (units: LoadedDataset<Unit>, accounts: LoadedDataset<UnitAccount>?)? {
        let accountsPath = context.inputPath("unit_accounts")
        guard let unitsPath = context.inputPath("units") else {
            if accountsPath != nil {
                throw RunError(.noInput, "\(context.settings.inputFile(for: "unit_accounts")) is present but \(context.settings.inputFile(for: "units")) is not: unit accounts are checked against their units")
            }
            return nil
        }
        let units = try context.load(unitsPath, UnitValidator())
        try context.writeRejected("units", header: units.header, rows: units.rejected)
        try afterUnits(units)
        guard let accountsPath else { return (units, nil) }
        let unitIndex = UnitIndex(codes: units.records.indices.map { units.store.field($0, UnitValidator.Column.code) })
        var accounts = try context.load(accountsPath, UnitAccountValidator(units: unitIndex))
        if accounts.records.contains(where: { $0.idKey == AccountID.unranked }) {
            let keys = AccountID.orderKeys((0..<accounts.store.count).map { accounts.store.field($0, 0) })
            for i in accounts.records.indices { accounts.records[i].idKey = keys[i] }
        }
        try context.writeRejected("unit_accounts", header: accounts.header, rows: accounts.rejected)
        return (units, accounts)
    }

    public func validate(_ context: RunContext) throws {
        _ = try load(context)
    }

    public func run(_ context: RunContext) throws {
        var detachment: [String] = []
        var loaded = try load(context) { units in
            detachment = units.records.map { context.settings.detachments.code(for: $0.region) }
            try context.writeCleaned(units, schema: UnitValidator.schema, added: ["detachment_code", "effective_on"]) { i in
                [detachment[i], context.effectiveDate.iso]
            }
        }
        // One owner for the accounts, so their memory can be given back below.
        guard let units = loaded?.units else { return }
        let loadedAccounts = loaded?.accounts
        loaded = nil
        guard var accounts = consume loadedAccounts else {
            context.addSection("units", unitSummary(units))
            return
        }
        // The cleanup below runs on one core for the most part: the other hashes the inputs.
        context.hashInputsRead()

        let decisions = cleanUpAccounts(accounts.records, unitLegalPerson: units.records.map(\.legalPerson), caps: caps,
                                        cutover: DateTime(date: context.settings.cutoverDate).sortKey)
        let activeRoles = decisions.indices.lazy.filter { decisions[$0].status == .active }
            .map { (unit: accounts.records[$0].unit, role: decisions[$0].role) }
        let coverage = applyC3(unitCount: units.records.count, activeRoles: activeRoles)

        // The cleaned file, the largest output, is written on the other core while the removal
        // export and the tallies are made here; both only read the accounts.
        let cleaned = try context.openCleaned(accounts, schema: UnitAccountValidator.schema,
                                              added: ["cleanup_rule", "disable_on", "effective_on"])
        let effectiveOn = context.effectiveDate.iso
        let writing = BackgroundJob { [accounts] in
            try writeAccountRows(accounts, decisions, effectiveOn: effectiveOn, to: cleaned)
        }
        let unitOrder = unitsInOutputOrder(units, detachment)
        let exported = Result { try writeRemoved(accounts, decisions, units, detachment, unitOrder, context) }
        let tallies = UnitTallies(accounts.records, decisions, unitCount: units.records.count)
        try UnitContactList(accounts.records, decisions, unitLegalPerson: units.records.map(\.legalPerson))
            .write(units: units, accounts: accounts, unitOrder: unitOrder, detachment: detachment, tallies: tallies,
                   coverage: coverage, context: context)
        try writing.wait()
        let removedFacts = try exported.get()
        // Its last bytes and the wait for the disk go on while the notices are made.
        let closing = BackgroundJob { try cleaned.close() }
        // The accounts' rows are written: give their memory back before the notices are built.
        accounts = LoadedDataset(records: [], lines: [], store: RowStore(width: 0), rejected: [],
                                 counts: accounts.counts, header: accounts.header)
        let notices = try unitNotices(units, detachment, unitOrder, tallies, coverage, removedFacts, context)
        try context.add(notices)
        context.addSection("units", unitSummary(units))
        context.addSection("unit_accounts", accountSummary(tallies, coverage, units, detachment))
        try closing.wait()
    }

    /// The rows of `unit_accounts.cleaned.csv`. The new values (status, role, permit, then
    /// cleanup_rule, disable_on, effective_on) take a few dozen combinations: each is encoded once.
    private func writeAccountRows(_ accounts: LoadedDataset<UnitAccount>, _ decisions: [AccountDecision],
                                  effectiveOn: String, to writer: CSVWriter) throws {
        typealias Column = UnitAccountValidator.Column
        // Flat: the k-th value of combination c is bytes[starts[c * 6 + k]..<starts[c * 6 + k + 1]].
        var bytes: [UInt8] = [], starts = [0]
        for combination in 0..<AccountDecision.combinations {
            let decision = AccountDecision(combination: combination)
            for value in [decision.status.rawValue, decision.role.rawValue, decision.permit.rawValue,
                          decision.removedBy?.rawValue ?? "", decision.removedBy == nil ? "" : effectiveOn, effectiveOn] {
                bytes += CSVWriter.encodedField(value)
                starts.append(bytes.count)
            }
        }
        try bytes.withUnsafeBufferPointer { bytes in
            try RunContext.writeCleanedRows(accounts.store, count: accounts.records.count,
                                            schemaWidth: UnitAccountValidator.schema.columns.count,
                                            replacing: [Column.status, Column.role, Column.permit], added: 3, to: writer,
                                            values: { decisions[$0].combination * 6 }) { first, k, isFirst in
                let range = starts[first + k]..<starts[first + k + 1]
                writer.appendEncoded(field: UnsafeBufferPointer(rebasing: bytes[range]), first: isFirst)
            }
        }
    }

    /// 被清理单位账号导出, ordered by detachment_code, unit_code, account_id. Returns each unit's
    /// removal fact (SPEC §4: the identity of its cleanup notice): a hash of its removed account
    /// ids in that order, empty for a unit that loses none.
    private func writeRemoved(_ accounts: LoadedDataset<UnitAccount>, _ decisions: [AccountDecision],
                              _ units: LoadedDataset<Unit>, _ detachment: [String], _ unitOrder: [Int32],
                              _ context: RunContext) throws -> [String] {
        typealias Column = UnitAccountValidator.Column
        var unitRank = [UInt32](repeating: 0, count: units.records.count)
        for (rank, u) in unitOrder.enumerated() { unitRank[Int(u)] = UInt32(rank) }
        var removed: [RemovalOrder] = []
        for (i, decision) in decisions.enumerated() {
            guard let rule = decision.removedBy else { continue }
            let account = accounts.records[i]
            removed.append(RemovalOrder(unitRank: unitRank[Int(account.unit)], idKey: account.idKey, index: Int32(i),
                                        unit: account.unit, rule: rule))
        }
        removed.sort()
        let writer = try context.csv("unit_accounts.removed.csv", header: [
            "account_id", "unit_code", "unit_name", "holder_id_type", "holder_id_no", "holder_name", "holder_phone",
            "registered_at", "cleanup_rule", "reason", "kept_account_id", "disable_on", "detachment_code",
        ])
        let ruleFields = CleanupRule.allCases.map { rule in
            [rule.rawValue, rule.reason(caps)].map(CSVWriter.encodedField)
        }
        let disableOn = CSVWriter.encodedField(context.effectiveDate.iso)
        let keptByR1 = r1KeptAccounts(accounts.records, decisions)
        var facts = [String](repeating: "", count: units.records.count)
        var unitIDs: [String] = []
        let before = [Column.accountID, Column.unitCode], after = [Column.holderType, Column.holderNumber,
                                                                   Column.holderName, Column.holderPhone, Column.registeredAt]
        try units.store.withFields { unitFields in
            try accounts.store.withFields { fields in
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
                    unitIDs.append(accounts.store.field(i, Column.accountID))
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

    /// The units in (detachment_code, unit_code) order, the order of the removal export and of
    /// the notifications; codes compare as bytes, which for their ASCII characters is the order
    /// of `String`.
    private func unitsInOutputOrder(_ units: LoadedDataset<Unit>, _ detachment: [String]) -> [Int32] {
        let detachmentRank = Dictionary(uniqueKeysWithValues: Set(detachment).sorted().enumerated().map { ($1, UInt32($0)) })
        var order = units.records.indices.map { u in
            units.store.withField(u, UnitValidator.Column.code) { code in
                UnitOrder(detachmentRank: detachmentRank[detachment[u]]!, code: code, index: Int32(u))
            }
        }
        order.sort()
        return order.map(\.index)
    }

    /// The units' notices (SPEC §4), made in the units' output order: the notifications, sorted in
    /// nearly that order, are then read from memory nearly in the order it was filled. The second
    /// half of the units is done on a thread of its own meanwhile.
    /// - Before the cutover, `UNIT_ACCOUNTS_CLEANUP`, due on the notice deadline while the run is
    ///   on or before it, else on the cutover (then worded without a second date); on or after
    ///   the cutover, `UNIT_ACCOUNTS_DISABLED`, due on E. Their fact is the removed account ids.
    /// - C3: `UNIT_NO_LEGAL_PERSON`, due on E, sent once.
    private func unitNotices(_ units: LoadedDataset<Unit>, _ detachment: [String], _ unitOrder: [Int32],
                             _ tallies: UnitTallies, _ coverage: [LegalPersonCoverage], _ removedFacts: [String],
                             _ context: RunContext) throws -> [Notice] {
        let settings = context.settings, asOf = context.asOf, e = context.effectiveDate
        let removalType: NoticeType = asOf >= settings.cutoverDate ? .unitAccountsDisabled : .unitAccountsCleanup
        let removalDue = removalType == .unitAccountsDisabled ? e
            : asOf <= settings.noticeDeadline ? settings.noticeDeadline : settings.cutoverDate
        // One date is never named twice: due on the cutover, the text says so once.
        let removalTemplate = removalType == .unitAccountsCleanup && removalDue == settings.cutoverDate
            ? "UNIT_ACCOUNTS_CLEANUP_AFTER_DEADLINE" : removalType.templateKey
        let caps = caps, templates = settings.templates
        let eISO = e.iso, cutoverISO = settings.cutoverDate.iso, deadlineISO = settings.noticeDeadline.iso
        typealias Column = UnitValidator.Column
        func notices(_ part: ArraySlice<Int32>) -> [Notice] {
            var notices: [Notice] = []
            // A unit with no account in the dump has nothing to be "left with" (C3); see docs/rules.
            for u in part.lazy.map({ Int($0) }) where tallies.accounts[u] > 0 {
                let removed = tallies.removedInUnit(u)
                guard removed > 0 || coverage[u] == .none else { continue }
                let code = units.store.field(u, Column.code), name = units.store.field(u, Column.name)
                let phone = units.store.field(u, Column.phone)
                func notice(_ type: NoticeType, template: String, due: CalendarDate, fact: String) -> Notice {
                    let dueISO = due.iso
                    return Notice(type: type, detachmentCode: detachment[u], recipientType: .unit, recipientID: code,
                                  recipientName: name, phone: phone, recordID: code, dueOn: due, fact: fact,
                                  message: templates.message(template) { key in
                                      switch key {
                                      case "unit_name": name
                                      case "unit_code": code
                                      case "you": Notice.RecipientType.unit.addressed
                                      case "count": String(removed)
                                      case "due_on": dueISO
                                      case "effective_on", "disable_on": eISO
                                      case "cutover_date": cutoverISO
                                      case "notice_deadline": deadlineISO
                                      default: caps.placeholder(key)
                                      }
                                  })
                }
                if removed > 0 {
                    notices.append(notice(removalType, template: removalTemplate, due: removalDue, fact: removedFacts[u]))
                }
                if coverage[u] == .none {
                    notices.append(notice(.unitNoLegalPerson, template: NoticeType.unitNoLegalPerson.templateKey, due: e,
                                          fact: ""))
                }
            }
            return notices
        }
        let half = unitOrder.count / 2
        let secondHalf = BackgroundJob { notices(unitOrder[half...]) }
        return notices(unitOrder[..<half]) + (try secondHalf.wait())
    }

    private func unitSummary(_ units: LoadedDataset<Unit>) -> JSONValue {
        .object([("invalid_contact_phone_warnings", .int(units.records.filter { !$0.phoneIsValid }.count))])
    }

    private func accountSummary(_ tallies: UnitTallies, _ coverage: [LegalPersonCoverage], _ units: LoadedDataset<Unit>,
                                _ detachment: [String]) -> JSONValue {
        // Summed per detachment as integers first; the named counts are made once per detachment.
        var detachmentIndex: [String: Int] = [:]
        // accounts, active after cleanup, units without a legal person (C3: the units notified),
        // then removed per rule
        var sums: [[Int]] = []
        var withoutLegalPerson = 0
        for u in units.records.indices where tallies.accounts[u] > 0 {
            let d = detachmentIndex[detachment[u]] ?? {
                sums.append([Int](repeating: 0, count: 3 + CleanupRule.allCases.count))
                detachmentIndex[detachment[u]] = sums.count - 1
                return sums.count - 1
            }()
            sums[d][0] += tallies.accounts[u]
            sums[d][1] += tallies.activeAfter[u]
            if coverage[u] == .none {
                sums[d][2] += 1
                withoutLegalPerson += 1
            }
            for r in tallies.removed.indices { sums[d][3 + r] += tallies.removed[r][u] }
        }
        var byDetachment: [String: [String: Int]] = [:]
        for (code, d) in detachmentIndex {
            var counts = ["C3_no_legal_person": sums[d][2], "accounts": sums[d][0], "active_after_cleanup": sums[d][1]]
            for rule in CleanupRule.allCases { counts["removed_\(rule.rawValue)"] = sums[d][3 + rule.position] }
            byDetachment[code] = counts
        }
        var removed = [String: Int]()
        for rule in CleanupRule.allCases { removed[rule.rawValue] = tallies.removed[rule.position].reduce(0, +) }
        let several = coverage.indices.filter { coverage[$0] == .several }.map { units.store.field($0, UnitValidator.Column.code) }.sorted()
        return .object([
            // The caps in force and the R2 reading that ran (SPEC §1).
            ("caps", .counts(["max_accounts_per_person_per_unit": caps.perPersonPerUnit,
                              "max_accounts_per_unit": caps.perUnit, "max_units_per_person": caps.unitsPerPerson])),
            ("R2_reading", .string(caps.r2Reading)),
            ("active_before_cleanup", .int(tallies.activeBefore)),
            ("removed_by_rule", .counts(removed)),
            ("removed_total", .int(removed.values.reduce(0, +))),
            ("active_after_cleanup", .int(tallies.activeAfter.reduce(0, +))),
            ("converted", .counts(tallies.converted)),
            ("C3_units_without_legal_person", .int(withoutLegalPerson)),
            ("C3_units_with_several_legal_persons", .array(several.map(JSONValue.string))),
            ("by_detachment", .object(byDetachment.sorted { $0.key < $1.key }.map { ($0.key, .counts($0.value)) })),
        ])
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

/// A unit in (detachment_code, unit_code) order. Unit codes are 18-character credit codes
/// (validated): 24 bytes packed big-endian hold them whole, zeros after the end, so a prefix
/// sorts first as with bytes.
private struct UnitOrder: Comparable {
    let detachmentRank: UInt32
    let packed: (UInt64, UInt64, UInt64)
    let index: Int32

    init(detachmentRank: UInt32, code: UnsafeBufferPointer<UInt8>, index: Int32) {
        assert(code.count <= 24, "unit codes are credit codes of 18 characters")
        self.detachmentRank = detachmentRank
        func word(_ w: Int) -> UInt64 {
            var value: UInt64 = 0
            for k in 0..<8 { value = value << 8 | UInt64(w * 8 + k < code.count ? code[w * 8 + k] : 0) }
            return value
        }
        packed = (word(0), word(1), word(2))
        self.index = index
    }

    static func == (a: UnitOrder, b: UnitOrder) -> Bool { a.index == b.index }

    static func < (a: UnitOrder, b: UnitOrder) -> Bool {
        (a.detachmentRank, a.packed.0, a.packed.1, a.packed.2, a.index) < (b.detachmentRank, b.packed.0, b.packed.1, b.packed.2, b.index)
    }
}

extension CleanupRule {
    /// Position in `allCases`, for arrays indexed by rule.
    var position: Int {
        switch self {
        case .r1: 0
        case .r2: 1
        case .r3: 2
        }
    }
}

extension AccountDecision {
    static let combinations = 2 * 4 * 3 * 4

    /// A number for each combination of status, role, permit and rule, below `combinations`.
    var combination: Int {
        let s = status == .active ? 0 : 1
        let r = switch role {
        case .legacy: 0
        case .legalPerson: 1
        case .admin: 2
        case .ordinary: 3
        }
        let p = switch permit {
        case .unset: 0
        case .yes: 1
        case .no: 2
        }
        return ((s * 4 + r) * 3 + p) * 4 + (removedBy.map { $0.position + 1 } ?? 0)
    }

    /// The decision of a `combination` number.
    init(combination: Int) {
        let rule = combination % 4, p = combination / 4 % 3, r = combination / 12 % 4, s = combination / 48
        self.init(status: s == 0 ? .active : .disabled, role: AccountDecision.roles[r], permit: AccountDecision.permits[p],
                  removedBy: rule == 0 ? nil : CleanupRule.allCases[rule - 1])
    }

    // In the order of `combination`'s switches.
    private static let roles: [AccountRole] = [.legacy, .legalPerson, .admin, .ordinary]
    private static let permits: [ReplacePermit] = [.unset, .yes, .no]
}

/// Per-unit counts of the outcome, for the notices and the summary, taken in one pass so the
/// accounts themselves can be let go.
struct UnitTallies {
    var accounts: [Int]
    var activeAfter: [Int]
    /// Indexed by `CleanupRule.allCases` position, then unit.
    var removed: [[Int]]
    var activeBefore = 0
    /// C1 roles given and C2 permits given.
    var converted = ["C1_legal_person": 0, "C1_ordinary": 0, "C2_permit_Y": 0, "C2_permit_N": 0]

    init(_ records: [UnitAccount], _ decisions: [AccountDecision], unitCount: Int) {
        accounts = [Int](repeating: 0, count: unitCount)
        activeAfter = accounts
        removed = CleanupRule.allCases.map { _ in [Int](repeating: 0, count: unitCount) }
        var legalPersonGiven = 0, ordinaryGiven = 0, permitYes = 0, permitNo = 0
        for (account, decision) in zip(records, decisions) {
            let u = Int(account.unit)
            accounts[u] += 1
            if account.isActive { activeBefore += 1 }
            if let rule = decision.removedBy { removed[rule.position][u] += 1 }
            guard decision.status == .active else { continue }
            activeAfter[u] += 1
            if account.role == .legacy {
                if decision.role == .legalPerson { legalPersonGiven += 1 } else if decision.role == .ordinary { ordinaryGiven += 1 }
            }
            if account.permit == .unset {
                if decision.permit == .yes { permitYes += 1 } else if decision.permit == .no { permitNo += 1 }
            }
        }
        converted["C1_legal_person"]! += legalPersonGiven
        converted["C1_ordinary"]! += ordinaryGiven
        converted["C2_permit_Y"]! += permitYes
        converted["C2_permit_N"]! += permitNo
    }

    func removedInUnit(_ u: Int) -> Int {
        removed.reduce(0) { $0 + $1[u] }
    }
}
