/// A store's schema fields named by their dataset's `DatasetColumn`, so no reader or writer
/// carries a column's position of its own.
extension RowStore {
    public func field(_ row: Int, _ column: some DatasetColumn) -> String {
        field(row, column.rawValue)
    }

    public func withField<R>(_ row: Int, _ column: some DatasetColumn,
                             _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withField(row, column.rawValue, body)
    }

    // The byte path's writes (`validateRaw`): a row is appended field by field, so each write
    // names its column and debug builds check that it is the column's place; release builds
    // compile to the bare `appendField`.

    func append(_ column: some DatasetColumn, _ field: UnsafeBufferPointer<UInt8>) {
        assert(column.rawValue == nextField, "\(column) appended as field \(nextField)")
        appendField(field)
    }

    func append(_ column: some DatasetColumn, _ field: String) {
        assert(column.rawValue == nextField, "\(column) appended as field \(nextField)")
        appendField(field)
    }

    func append(_ column: some DatasetColumn, _ date: CalendarDate?) {
        assert(column.rawValue == nextField, "\(column) appended as field \(nextField)")
        appendField(date)
    }

    func append(_ column: some DatasetColumn, _ instant: DateTime) {
        assert(column.rawValue == nextField, "\(column) appended as field \(nextField)")
        appendField(instant)
    }
}

extension RowStore.Fields {
    @inline(__always)
    public func field(_ row: Int, _ column: some DatasetColumn) -> UnsafeBufferPointer<UInt8> {
        field(row, column.rawValue)
    }
}
