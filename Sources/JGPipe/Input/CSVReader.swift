private import CLibCSV

/// Records parsed from one chunk of UTF-8 text: one flat byte buffer with field boundaries,
/// so a chunk costs a few allocations, not one per field.
public struct RecordBatch: Sendable {
    public struct Record: Sendable {
        /// Physical line (1-based) on which the record starts.
        public let line: Int
        let firstField: Int
        public let fieldCount: Int
    }

    var bytes: [UInt8] = []
    var fieldEnds: [Int] = []
    public private(set) var records: [Record] = []

    public var count: Int { records.count }

    public func field(_ record: Int, _ index: Int) -> String {
        let f = records[record].firstField + index
        let start = f == 0 ? 0 : fieldEnds[f - 1]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<fieldEnds[f]]), as: UTF8.self)
        }
    }

    public func fields(_ record: Int) -> [String] {
        (0..<records[record].fieldCount).map { field(record, $0) }
    }

    mutating func appendField(_ pointer: UnsafeRawPointer?, _ length: Int) {
        if length > 0, let pointer {
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length))
        }
        fieldEnds.append(bytes.count)
    }

    mutating func closeRecord(line: Int, firstField: Int) {
        records.append(Record(line: line, firstField: firstField, fieldCount: fieldEnds.count - firstField))
    }

    /// Drops the delivered records. The fields of a record still being parsed (from field
    /// index `partial` on) are kept and moved to the front; returns their new first index.
    mutating func removeDelivered(keepingFieldsFrom partial: Int?) -> Int? {
        records.removeAll(keepingCapacity: true)
        guard let partial else {
            bytes.removeAll(keepingCapacity: true)
            fieldEnds.removeAll(keepingCapacity: true)
            return nil
        }
        let start = partial == 0 ? 0 : fieldEnds[partial - 1]
        bytes.removeSubrange(0..<start)
        fieldEnds.removeSubrange(0..<partial)
        for i in fieldEnds.indices { fieldEnds[i] -= start }
        return 0
    }

    /// Drops the records starting on or after `line` (they follow an error).
    mutating func keepRecords(before line: Int) {
        records.removeAll { $0.line >= line }
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
    }
}

/// An RFC 4180 reader over libcsv that tracks the physical line each record starts on.
///
/// libcsv runs with `CSV_REPALL_NL`, so every unquoted CR or LF reaches the record callback
/// exactly once; together with the newlines counted inside quoted fields that gives exact
/// line numbers, CRLF counted once. Spaces are not trimmed by libcsv: pass-through columns
/// must be copied as read (SPEC §0), schema columns are trimmed by `Text.normalize`.
public final class CSVReader {
    public enum Failure: Error, Equatable {
        /// A field grew past the cap: almost always an unbalanced quote swallowing the file.
        case fieldTooLong(line: Int, limit: Int)
        /// The file ends inside a quoted field.
        case unterminatedQuote(line: Int)
        case parser(String)
    }

    private var parser = csv_parser()
    private let maxFieldBytes: Int
    private var state = State()

    /// Everything the C callbacks touch, reached through the `data` pointer.
    fileprivate struct State {
        var batch = RecordBatch()
        var newlines = 0
        var lastWasCR = false
        var recordLine = 0
        var recordFirstField = -1
        var maxFieldBytes = Int.max
        /// Line of the first record holding a completed field over the cap.
        var overlongLine: Int?
    }

    public init(delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int = 1 << 20) {
        self.maxFieldBytes = maxFieldBytes
        state.maxFieldBytes = maxFieldBytes
        csv_init(&parser, UInt8(CSV_REPALL_NL))
        csv_set_delim(&parser, delimiter)
        csv_set_space_func(&parser, noSpaces)
    }

    deinit { csv_free(&parser) }

    /// Parses `text` (UTF-8) and hands over the records completed so far.
    public func parse(_ text: UnsafeRawBufferPointer, _ deliver: (RecordBatch) throws -> Void) throws {
        var offset = 0
        // Feed in slices so a runaway quoted field is caught within one slice of the cap.
        let slice = 64 * 1024
        while offset < text.count {
            let n = min(slice, text.count - offset)
            let consumed = withUnsafeMutablePointer(to: &state) { statePointer in
                csv_parse(&parser, text.baseAddress! + offset, n, onField, onRecordEnd, statePointer)
            }
            if consumed != n {
                throw Failure.parser(String(cString: csv_strerror(csv_error(&parser))))
            }
            offset += n
            // A field over the cap fails whether it ended inside this slice or is still open,
            // so the outcome does not depend on where reads and slices cut the text.
            if let line = state.overlongLine {
                try failBeforeLine(line, deliver)
            }
            if parser.entry_pos > maxFieldBytes {
                try failBeforeLine(state.recordFirstField >= 0 ? state.recordLine : state.newlines + 1, deliver)
            }
            if state.batch.count > 0 {
                try deliver(state.batch)
                // A record that straddles the slice boundary keeps the fields it already has.
                let partial = state.recordFirstField >= 0 ? state.recordFirstField : nil
                if let first = state.batch.removeDelivered(keepingFieldsFrom: partial) { state.recordFirstField = first }
            }
        }
    }

    /// Hands over the records before `line`, then fails with `fieldTooLong` there: errors come
    /// in file order (a header that does not map before a long field further down).
    private func failBeforeLine(_ line: Int, _ deliver: (RecordBatch) throws -> Void) throws -> Never {
        state.batch.keepRecords(before: line)
        if state.batch.count > 0 { try deliver(state.batch) }
        throw Failure.fieldTooLong(line: line, limit: maxFieldBytes)
    }

    /// Ends the input: the last record without a final newline is delivered here.
    public func finish(_ deliver: (RecordBatch) throws -> Void) throws {
        // pstate 2 is libcsv's FIELD_BEGUN; with `quoted` set the closing quote never came.
        if parser.pstate == 2 && parser.quoted != 0 {
            throw Failure.unterminatedQuote(line: state.recordFirstField >= 0 ? state.recordLine : state.newlines + 1)
        }
        _ = withUnsafeMutablePointer(to: &state) { csv_fini(&parser, onField, onRecordEnd, $0) }
        if let line = state.overlongLine {
            try failBeforeLine(line, deliver)
        }
        if state.batch.count > 0 {
            try deliver(state.batch)
            state.batch.removeAll()
        }
    }
}

private func noSpaces(_: UInt8) -> Int32 { 0 }

private func onField(_ pointer: UnsafeMutableRawPointer?, _ length: Int, _ data: UnsafeMutableRawPointer?) {
    let state = data!.assumingMemoryBound(to: CSVReader.State.self)
    if state.pointee.recordFirstField < 0 {
        state.pointee.recordLine = state.pointee.newlines + 1
        state.pointee.recordFirstField = state.pointee.batch.fieldEnds.count
    }
    if length > state.pointee.maxFieldBytes && state.pointee.overlongLine == nil {
        state.pointee.overlongLine = state.pointee.recordLine
    }
    state.pointee.batch.appendField(pointer, length)
    state.pointee.lastWasCR = false
    // Newlines inside a quoted field still advance the physical line count.
    if let pointer, length > 0 {
        let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A { if previous != 0x0D { state.pointee.newlines += 1 } }
            else if byte == 0x0D { state.pointee.newlines += 1 }
            previous = byte
        }
    }
}

private func onRecordEnd(_ terminator: Int32, _ data: UnsafeMutableRawPointer?) {
    let state = data!.assumingMemoryBound(to: CSVReader.State.self)
    if state.pointee.recordFirstField >= 0 {
        state.pointee.batch.closeRecord(line: state.pointee.recordLine, firstField: state.pointee.recordFirstField)
        state.pointee.recordFirstField = -1
    }
    switch terminator {
    case 0x0D:
        state.pointee.newlines += 1
        state.pointee.lastWasCR = true
    case 0x0A:
        if !state.pointee.lastWasCR { state.pointee.newlines += 1 }
        state.pointee.lastWasCR = false
    default:
        break
    }
}
