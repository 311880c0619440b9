/// The `units` summary section.
func unitSummary(_ units: LoadedDataset<Unit>) -> JSONValue {
    .object([("invalid_contact_phone_warnings", .int(units.records.filter { !$0.phoneIsValid }.count))])
}

/// The `unit_accounts` summary section: the caps in force, R1–R3 and C1–C3 counts, per detachment.
func accountSummary(_ tallies: UnitTallies, _ coverage: [LegalPersonCoverage], _ units: LoadedDataset<Unit>,
                    _ detachment: [String], caps: CleanupCaps) -> JSONValue {
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
    var byDetachment = DetachmentCounts()
    for (code, d) in detachmentIndex {
        byDetachment.add("C3_no_legal_person", in: code, sums[d][2])
        byDetachment.add("accounts", in: code, sums[d][0])
        byDetachment.add("active_after_cleanup", in: code, sums[d][1])
        for rule in CleanupRule.allCases { byDetachment.add("removed_\(rule.rawValue)", in: code, sums[d][3 + rule.position]) }
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
        ("by_detachment", byDetachment.json),
    ])
}
