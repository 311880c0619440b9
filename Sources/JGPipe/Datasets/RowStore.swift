import Glibc

/// The canonical fields of a dataset's valid rows, packed into one byte buffer: a row costs its
/// bytes, one 8-byte start and one 4-byte end per field, instead of an array and a `String`
/// per field.
public final class RowStore {
    public let width: Int
    private var bytes: [UInt8] = []
    private var rowStarts: [Int] = []
    /// End of each field, relative to its row's start.
    private var fieldEnds: [UInt32] = []
    /// The row being built field by field (`beginRow` … `endRow`): its byte start and first field.
    private var openRow: (start: Int, firstField: Int)?

    public init(width: Int) {
        self.width = width
    }

    public var count: Int { rowStarts.count }

    public var byteCount: Int { bytes.count }

    /// Reserves room for `rows` rows of `bytes` bytes in all: a big dump then never copies its
    /// store into a buffer twice the size while growing. Untouched reserved pages cost no memory.
    public func reserve(rows: Int, bytes byteCount: Int) {
        bytes.reserveCapacity(byteCount)
        rowStarts.reserveCapacity(rows)
        fieldEnds.reserveCapacity(rows * width)
    }

    public func append(_ fields: [String]) {
        beginRow()
        for field in fields { appendField(field) }
        endRow()
    }

    /// Appends every row of `other` (same width) after the rows of this store.
    public func append(contentsOf other: RowStore) {
        precondition(other.width == width && other.openRow == nil && openRow == nil)
        let offset = bytes.count
        bytes.append(contentsOf: other.bytes)
        rowStarts.append(contentsOf: other.rowStarts.lazy.map { $0 + offset })
        fieldEnds.append(contentsOf: other.fieldEnds)
    }

    /// Starts a row built from bytes, field by field: then `appendField` for each column and
    /// `endRow`, or `discardRow` to drop what was appended.
    public func beginRow() {
        precondition(openRow == nil, "a row is already open")
        openRow = (bytes.count, fieldEnds.count)
    }

    public func appendField(_ field: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: field)
        fieldEnds.append(UInt32(bytes.count - openRow!.start))
    }

    public func appendField(_ field: String) {
        var field = field
        field.withUTF8 { appendField($0) }
    }

    /// A date column's canonical form: `YYYY-MM-DD`, or empty for nil.
    public func appendField(_ date: CalendarDate?) {
        guard let date else { return appendField(UnsafeBufferPointer(start: nil, count: 0)) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19) { iso in
            let n = DateTime(date: date, secondsOfDay: nil).writeISO(into: iso)
            appendField(UnsafeBufferPointer(rebasing: iso[..<n]))
        }
    }

    /// A date-time field in its SPEC §0 form (`DateTime.iso`).
    public func appendField(_ instant: DateTime) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 19) { iso in
            let n = instant.writeISO(into: iso)
            appendField(UnsafeBufferPointer(rebasing: iso[..<n]))
        }
    }

    /// The position in the open row of the field `appendField` writes next.
    var nextField: Int { fieldEnds.count - openRow!.firstField }

    public func endRow() {
        let row = openRow!
        precondition(fieldEnds.count - row.firstField == width, "row of \(fieldEnds.count - row.firstField) fields in a store of width \(width)")
        rowStarts.append(row.start)
        openRow = nil
    }

    public func discardRow() {
        let row = openRow!
        bytes.removeSubrange(row.start...)
        fieldEnds.removeSubrange(row.firstField...)
        openRow = nil
    }

    private func range(_ row: Int, _ column: Int) -> Range<Int> {
        let base = rowStarts[row]
        let f = row * width + column
        let start = column == 0 ? 0 : Int(fieldEnds[f - 1])
        return (base + start)..<(base + Int(fieldEnds[f]))
    }

    /// The field's UTF-8 bytes, valid only inside `body`.
    public func withField<R>(_ row: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(row, column)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// Every field at once, valid only inside `body`: for loops over millions of fields, which
    /// then pay for no access to the store's arrays per field.
    public func withFields<R>(_ body: (Fields) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in
            try rowStarts.withUnsafeBufferPointer { rowStarts in
                try fieldEnds.withUnsafeBufferPointer { fieldEnds in
                    try body(Fields(width: width, bytes: bytes, rowStarts: rowStarts, fieldEnds: fieldEnds))
                }
            }
        }
    }

    /// A read-only view of a store's fields (`withFields`).
    public struct Fields {
        let width: Int
        let bytes: UnsafeBufferPointer<UInt8>
        let rowStarts: UnsafeBufferPointer<Int>
        let fieldEnds: UnsafeBufferPointer<UInt32>

        /// The field's UTF-8 bytes.
        @inline(__always)
        public func field(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8> {
            let base = rowStarts[row]
            let f = row * width + column
            let start = column == 0 ? 0 : Int(fieldEnds[f - 1])
            return UnsafeBufferPointer(rebasing: bytes[(base + start)..<(base + Int(fieldEnds[f]))])
        }
    }

    public func field(_ row: Int, _ column: Int) -> String {
        withField(row, column) { String(decoding: $0, as: UTF8.self) }
    }

    public func fields(_ row: Int) -> [String] {
        (0..<width).map { field(row, $0) }
    }

    public func fieldsEqual(_ a: Int, _ b: Int, column: Int) -> Bool {
        let ra = range(a, column), rb = range(b, column)
        return ra.count == rb.count && bytes[ra].elementsEqual(bytes[rb])
    }

    /// SPEC §0 "Duplicates": rows identical after normalisation.
    public func rowsEqual(_ a: Int, _ b: Int) -> Bool {
        (0..<width).allSatisfy { fieldsEqual(a, b, column: $0) }
    }

    /// FNV-1a of a field, for grouping equal keys.
    public func hash(_ row: Int, _ column: Int) -> UInt64 {
        withField(row, column) { FNV1a.hash($0) }
    }

    /// Drops the rows where `keep` is false, moving the others down in place.
    func removeRows(keeping keep: [Bool]) {
        var byteEnd = 0
        var kept = 0
        for row in 0..<count where keep[row] {
            let r = range(row, 0).lowerBound..<range(row, width - 1).upperBound
            if r.lowerBound != byteEnd {
                bytes.withUnsafeMutableBufferPointer { buffer in
                    _ = memmove(buffer.baseAddress! + byteEnd, buffer.baseAddress! + r.lowerBound, r.count)
                }
                for column in 0..<width { fieldEnds[kept * width + column] = fieldEnds[row * width + column] }
            } else if kept != row {
                for column in 0..<width { fieldEnds[kept * width + column] = fieldEnds[row * width + column] }
            }
            rowStarts[kept] = byteEnd
            byteEnd += r.count
            kept += 1
        }
        bytes.removeSubrange(byteEnd...)
        rowStarts.removeSubrange(kept...)
        fieldEnds.removeSubrange((kept * width)...)
    }
}
