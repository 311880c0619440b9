extension RawRow {
    /// The byte path's share of an optional date column: `.some(nil)` when empty, `.some(date)`
    /// when normalised and valid, nil when the row needs the string path (SPEC §0 "Dates").
    func optionalDate(_ column: some DatasetColumn, _ map: HeaderMap) -> CalendarDate?? {
        guard let text = normalized(column, map) else { return nil }
        if text.isEmpty { return .some(nil) }
        return DateText.parseNormalized(text).map { .some($0.date) }
    }
}
