private import CCSV

extension RecordBatch {
    /// A copy of the tokenizer's first `count` completed records.
    fileprivate init(_ csv: UnsafePointer<jg_csv>, records count: Int) {
        let completed = UnsafeBufferPointer(start: csv.pointee.records, count: count)
        let fields = completed.last.map { $0.first_field + $0.field_count } ?? 0
        let fieldEnds = Array(UnsafeBufferPointer(start: csv.pointee.field_ends, count: fields))
        self.init(bytes: Array(UnsafeBufferPointer(start: csv.pointee.bytes, count: fieldEnds.last ?? 0)),
                  fieldEnds: fieldEnds,
                  records: completed.map { Record(line: $0.line, firstField: $0.first_field, fieldCount: $0.field_count) })
    }
}

/// An RFC 4180 reader that tracks the physical line each record starts on.
///
/// The tokenizer (`jg_csv` in the CCSV target) has libcsv 3.0.3's semantics in the mode jgpipe used it in
/// (`CSV_REPALL_NL`, not strict): a property test holds the two to the same records. It writes
/// fields straight into flat buffers and counts line breaks as it meets them, CRLF counted
/// once, also inside quoted fields. Spaces are not trimmed: pass-through columns must be copied
/// as read (SPEC §0), schema columns are trimmed by `Text.normalize`.
public final class CSVReader {
    public enum Failure: Error, Equatable {
        /// A field grew past the cap: almost always an unbalanced quote swallowing the file.
        case fieldTooLong(line: Int, limit: Int)
        /// The file ends inside a quoted field.
        case unterminatedQuote(line: Int)
        case parser(String)
    }

    /// Text is fed in slices so a runaway quoted field is caught within one slice of the cap.
    static let sliceBytes = 64 * 1024

    private let csv: UnsafeMutablePointer<jg_csv>
    private let maxFieldBytes: Int

    public init(delimiter: UInt8 = UInt8(ascii: ","), maxFieldBytes: Int = 1 << 20) {
        guard let csv = jg_csv_new(delimiter, maxFieldBytes) else { fatalError("out of memory") }
        self.csv = csv
        self.maxFieldBytes = maxFieldBytes
    }

    deinit { jg_csv_free(csv) }

    /// Parses `text` (UTF-8) and hands over the records completed so far.
    public func parse(_ text: UnsafeRawBufferPointer, _ deliver: (RecordBatch) throws -> Void) throws {
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var offset = 0
        while offset < text.count {
            let n = min(Self.sliceBytes, text.count - offset)
            guard jg_csv_parse(csv, base + offset, n) == 0 else { throw Failure.parser("memory exhausted") }
            offset += n
            // A field over the cap fails whether it ended inside this slice or is still open,
            // so the outcome does not depend on where reads and slices cut the text.
            if csv.pointee.overlong_line > 0 {
                try failBeforeLine(csv.pointee.overlong_line, deliver)
            }
            if jg_csv_open_field_bytes(csv) > maxFieldBytes {
                try failBeforeLine(csv.pointee.record_line, deliver)
            }
            try deliverCompleted(deliver)
        }
    }

    /// Between two segments of a file read in parts (`FileSegment`), at a record boundary: the
    /// next record starts after `lines` line breaks of the whole file.
    func startLine(afterLines lines: Int) {
        jg_csv_start_line(csv, lines)
    }

    /// Ends the input: the last record without a final newline is delivered here.
    public func finish(_ deliver: (RecordBatch) throws -> Void) throws {
        if jg_csv_in_open_quote(csv) != 0 {
            throw Failure.unterminatedQuote(line: csv.pointee.record_line)
        }
        guard jg_csv_finish(csv) == 0 else { throw Failure.parser("memory exhausted") }
        if csv.pointee.overlong_line > 0 {
            try failBeforeLine(csv.pointee.overlong_line, deliver)
        }
        try deliverCompleted(deliver)
    }

    private func deliverCompleted(_ deliver: (RecordBatch) throws -> Void) throws {
        guard csv.pointee.record_count > 0 else { return }
        try deliver(RecordBatch(csv, records: csv.pointee.record_count))
        jg_csv_drop_records(csv)
    }

    /// Hands over the records before `line`, then fails with `fieldTooLong` there: errors come
    /// in file order (a header that does not map before a long field further down).
    private func failBeforeLine(_ line: Int, _ deliver: (RecordBatch) throws -> Void) throws -> Never {
        let completed = UnsafeBufferPointer(start: csv.pointee.records, count: csv.pointee.record_count)
        let before = completed.prefix { $0.line < line }.count
        if before > 0 { try deliver(RecordBatch(csv, records: before)) }
        throw Failure.fieldTooLong(line: line, limit: maxFieldBytes)
    }
}
