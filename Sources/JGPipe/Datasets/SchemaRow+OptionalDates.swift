extension SchemaRow {
    /// An optional date column: nil when empty, else a valid date (INVALID_DATE naming the column).
    public func optionalDate(_ column: some DatasetColumn) throws(FieldError) -> CalendarDate? {
        text(column).isEmpty ? nil : try parse(column, CalendarDate.init(parsing:))
    }

    /// An optional date-time column: nil when empty, else a valid date with an optional time.
    public func optionalDateTime(_ column: some DatasetColumn) throws(FieldError) -> DateTime? {
        text(column).isEmpty ? nil : try parse(column, DateTime.init(parsing:))
    }
}
