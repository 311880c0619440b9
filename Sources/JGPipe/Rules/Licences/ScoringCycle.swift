/// SPEC §7 scoring cycle (记分周期, 《机动车驾驶证申领和使用规定》: twelve months from the day the licence
/// was first issued): cycles end on each anniversary of first_issued_on (29 February → 28 February
/// in other years, SPEC §0). C is the latest cycle end on or before A + `lookaheadDays` and after
/// first_issued_on: nil in the licence's first year.
public func scoringCycleEnd(firstIssuedOn: CalendarDate, asOf: CalendarDate,
                            lookaheadDays: Int = LicenceDuty.windowDays) -> CalendarDate? {
    // `fullYears` is the largest n with first_issued_on + n years ≤ A + 30 (same 29 February rule).
    let cycles = firstIssuedOn.fullYears(until: asOf.adding(days: lookaheadDays))
    return cycles >= 1 ? firstIssuedOn.adding(years: cycles) : nil
}

/// A to-do owed within 30 days after a scoring cycle ends (D2 审验, D3 体检).
public enum LicenceDuty: Equatable, Sendable {
    case due(on: CalendarDate)
    case overdue(since: CalendarDate)

    /// 《机动车驾驶证申领和使用规定》: review and the medical certificate fall "在每个记分周期结束后三十日内";
    /// SPEC §7 also looks this far ahead for C, so a cycle ending within 30 days is told now.
    public static let windowDays = 30

    public var dueOn: CalendarDate {
        switch self {
        case let .due(on), let .overdue(since: on): on
        }
    }

    /// SPEC §7 D2/D3: with C defined and the last review / certificate empty or before C, the
    /// to-do is due on C + 30 days: due while A ≤ that day, overdue after it.
    static func afterCycle(_ cycleEnd: CalendarDate?, lastDone: CalendarDate?, asOf: CalendarDate) -> LicenceDuty? {
        guard let cycleEnd else { return nil }
        if let lastDone, lastDone >= cycleEnd { return nil }
        let dueOn = cycleEnd.adding(days: windowDays)
        return asOf <= dueOn ? .due(on: dueOn) : .overdue(since: dueOn)
    }

    /// The notice of this duty: `due` while it is due, `overdue` after, with why it is owed.
    func decision(due: NoticeType, overdue: NoticeType, reason: LicenceNoticeReason) -> LicenceNoticeDecision {
        switch self {
        case let .due(on): LicenceNoticeDecision(type: due, dueOn: on, reason: reason)
        case let .overdue(since): LicenceNoticeDecision(type: overdue, dueOn: since, reason: reason)
        }
    }
}
