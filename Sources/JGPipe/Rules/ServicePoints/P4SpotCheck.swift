/// P4 (SPEC §9; measure 七.一 总队抽查核对): of a detachment's open points, `share` (at least `minimum`,
/// or all of them) chosen by a stable hash of point_id and the ISO week of A: a new sample each
/// week, the same on a rerun. Returns the chosen ids in point_id order.
func spotCheckSample(_ pointIDs: [String], share: Double, minimum: Int, asOf: CalendarDate) -> [String] {
    let wanted = min(pointIDs.count, max(minimum, Int((Double(pointIDs.count) * share).rounded(.up))))
    let week = asOf.isoWeek
    let seed = "\(week.year)-W\(week.week)|"
    let ranked = pointIDs.map { id -> (UInt64, String) in
        var key = seed + id
        return (key.withUTF8 { FNV1a.hash($0) }, id)
    }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    return ranked.prefix(wanted).map(\.1).sorted()
}

extension CalendarDate {
    /// ISO 8601 week: weeks begin on Monday; week 1 holds the year's first Thursday.
    var isoWeek: (year: Int, week: Int) {
        // 1970-01-01 was a Thursday: weekday 1 (Monday) … 7 (Sunday).
        let days = Int(dayNumber - CalendarDate.unixEpoch.dayNumber)
        let weekday = ((days % 7 + 7) % 7 + 3) % 7 + 1
        let thursday = adding(days: 4 - weekday)
        let january1 = CalendarDate(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, Int(thursday.dayNumber - january1.dayNumber) / 7 + 1)
    }
}

extension RuleWording {
    static let P4 = RuleWording(label: "总队抽查核对", section: "七.一")
}
