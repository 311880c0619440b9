/// One parsed record's fields as UTF-8 bytes inside its `RecordBatch`: the byte-level row path
/// reads them without making a `String` per field. Valid only inside `RecordBatch.withRawRow`.
public struct RawRow {
    let bytes: UnsafeBufferPointer<UInt8>
    let fieldEnds: UnsafeBufferPointer<Int>
    let firstField: Int
    public let fieldCount: Int
    public let line: Int

    /// A field's bytes; a field the record does not have (a short row read by its header's
    /// column) is empty, so no caller can read `fieldEnds` past the record (issue #11).
    public subscript(field: Int) -> UnsafeBufferPointer<UInt8> {
        guard field >= 0 && field < fieldCount else { return UnsafeBufferPointer(start: nil, count: 0) }
        let f = firstField + field
        let start = f == 0 ? 0 : fieldEnds[f - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<fieldEnds[f]])
    }

    /// The fields as strings: the string path's input.
    public var fields: [String] {
        (0..<fieldCount).map { String(decoding: self[$0], as: UTF8.self) }
    }
}

/// Every record of a `RecordBatch` as `RawRow`s. Valid only inside `RecordBatch.withRawRows`.
public struct RawRows {
    let bytes: UnsafeBufferPointer<UInt8>
    let fieldEnds: UnsafeBufferPointer<Int>
    let records: UnsafeBufferPointer<RecordBatch.Record>

    public subscript(record: Int) -> RawRow {
        let r = records[record]
        return RawRow(bytes: bytes, fieldEnds: fieldEnds, firstField: r.firstField, fieldCount: r.fieldCount, line: r.line)
    }
}

extension RecordBatch {
    public func withRawRows<R>(_ body: (RawRows) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try fieldEnds.withUnsafeBufferPointer { ends in
                try records.withUnsafeBufferPointer { try body(RawRows(bytes: bytes, fieldEnds: ends, records: $0)) }
            }
        }
    }
}

extension RawRow {
    /// A schema column's bytes as read ("" when the column is absent from the file).
    func column(_ column: Int, _ map: HeaderMap) -> UnsafeBufferPointer<UInt8> {
        guard let source = map.sources[column] else { return UnsafeBufferPointer(start: nil, count: 0) }
        return self[source]
    }

    func column(_ column: some DatasetColumn, _ map: HeaderMap) -> UnsafeBufferPointer<UInt8> {
        self.column(column.rawValue, map)
    }

    /// A schema column's normalised bytes when normalising only removes an Excel text guard or
    /// nothing at all (`Text.isNormalized` of the value or of what its guard holds), else nil: the
    /// guard's removal is a slice, so the string path's result (SPEC §0) comes out without copying.
    func normalized(_ column: some DatasetColumn, _ map: HeaderMap, upper: Bool = false) -> UnsafeBufferPointer<UInt8>? {
        let bytes = self.column(column.rawValue, map)
        if Text.isNormalized(bytes, upper: upper) { return bytes }
        guard let held = Text.guardedValue(bytes), Text.isNormalized(held, upper: upper) else { return nil }
        return held
    }
}
