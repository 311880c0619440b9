import Foundation
import Glibc

/// Reading settings shared by every dataset (SPEC §0 "Reading").
public struct ReadOptions: Sendable {
    public var encoding: InputEncoding = .auto
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public var maxFieldBytes: Int = 1 << 20
    public var chunkBytes: Int = 1 << 20
    /// The parts of the file to read, in order; nil reads it whole. A Spark task reads the
    /// header's bytes and then its own chunk, which starts at a record boundary (docs/SCALE-OUT.md).
    public var segments: [FileSegment]?
    /// A Spark task's part of a dataset's duplicates: the fates of its rows whose key occurs in
    /// other tasks too, decided over every copy (`CrossTaskDuplicates`); nil in a whole-file read.
    public var crossTaskDuplicates: [Int: CrossTaskDuplicates.Fate]?

    public init() {}
}

/// A byte range of an input file that starts at a record boundary, with the line breaks before
/// it as the tokenizer counts them (CR, LF, CRLF once) and as the decoder counts them (LF), so
/// line numbers and error places are those of a whole-file read.
public struct FileSegment: Sendable, Equatable {
    public var range: Range<Int>
    public var linesBefore: Int
    public var lineFeedsBefore: Int

    public init(range: Range<Int>, linesBefore: Int, lineFeedsBefore: Int) {
        self.range = range
        self.linesBefore = linesBefore
        self.lineFeedsBefore = lineFeedsBefore
    }
}

/// One input record: the physical line it starts on and its fields exactly as read.
public struct InputRow: Sendable {
    public let line: Int
    public let fields: [String]
}

/// A problem that makes a whole input file unusable: it stops the run before anything is
/// published (SPEC §0, §5).
public struct InputFileError: Error, CustomStringConvertible {
    public enum Kind: Sendable { case unreadable, unusable }
    public let kind: Kind
    public let file: String
    public let line: Int?
    public let column: String?
    public let message: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += " column \(column)" }
        return "\(place): \(message)"
    }
}

/// Streams one CSV dump: bytes → UTF-8 → records → header map and rows.
public enum DatasetFile {
    /// Reads `path`, maps its header onto `schema`, and hands every data record to `row` in
    /// input order. Returns the header map.
    @discardableResult
    public static func read(path: String, schema: DatasetSchema, extraAliases: [String: [String]] = [:],
                            options: ReadOptions = ReadOptions(),
                            header onHeader: (HeaderMap) throws -> Void = { _ in },
                            row: (InputRow) throws -> Void) throws -> HeaderMap {
        try readBatches(path: path, schema: schema, extraAliases: extraAliases, options: options,
                        header: onHeader) { batch, records in
            for r in records { try row(InputRow(line: batch.records[r].line, fields: batch.fields(r))) }
        }.header
    }

    /// What a read reports besides its records.
    public struct Statistics: Sendable {
        public var header: HeaderMap
        /// CPU time of the decode-and-parse thread: the parse stage of the benchmark.
        public var parseCPUSeconds: Double
    }

    /// Like `read`, but hands over the parsed records a batch at a time, as bytes: the caller
    /// turns them into strings where it likes (the dataset loader does it on both cores).
    /// `records` are the batch's record indices after the header.
    public static func readBatches(path: String, schema: DatasetSchema, extraAliases: [String: [String]] = [:],
                                   options: ReadOptions = ReadOptions(),
                                   header onHeader: (HeaderMap) throws -> Void = { _ in },
                                   batch onBatch: (RecordBatch, Range<Int>) throws -> Void) throws -> Statistics {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputFileError(kind: .unreadable, file: path, line: nil, column: nil,
                                 message: "cannot open: \(String(cString: strerror(errno)))")
        }
        // Decoding and parsing run on a thread of their own, a few batches ahead of the caller,
        // which validates: the two halves of reading use both cores.
        let channel = BoundedChannel<RecordBatch>(capacity: 8)
        let producer = BackgroundJob { produceBatches(fd: fd, options: options, into: channel) }
        defer {
            channel.cancel()
            _ = try? producer.wait()
            close(fd)
        }

        var headerMap: HeaderMap?
        do {
            while let batch = try channel.receive() {
                var first = 0
                if headerMap == nil, batch.count > 0 {
                    let line = batch.records[0].line
                    let header = batch.fields(0)
                    do {
                        let map = try HeaderMap(header: header, schema: schema, extraAliases: extraAliases)
                        headerMap = map
                        try onHeader(map)
                    } catch let failure as HeaderMap.Failure {
                        throw headerError(failure, path: path, line: line,
                                          hint: HeaderMap.delimiterHint(header: header, schema: schema, extraAliases: extraAliases))
                    }
                    first = 1
                }
                if first < batch.count { try onBatch(batch, first..<batch.count) }
            }
        } catch let failure as StreamDecoder.Failure {
            throw InputFileError(kind: .unusable, file: path, line: failure.line, column: "byte \(failure.column)",
                                 message: failure.message)
        } catch let failure as CSVReader.Failure {
            throw readerError(failure, path: path)
        } catch let failure as ReadFailure {
            throw InputFileError(kind: .unreadable, file: path, line: nil, column: nil, message: "read failed: \(failure.message)")
        }
        guard let headerMap else {
            throw InputFileError(kind: .unusable, file: path, line: 1, column: nil,
                                 message: "the file is empty: a header row is required")
        }
        // The stream has ended: the producer returns its thread's CPU time as it ends.
        return Statistics(header: headerMap, parseCPUSeconds: try producer.wait())
    }

    private struct ReadFailure: Error {
        let message: String
    }

    /// The producer: read → decode → parse, handing over each batch of records.
    /// Returns the thread's CPU time, taken as the stream ends (0 when the consumer cancelled).
    private static func produceBatches(fd: Int32, options: ReadOptions, into channel: BoundedChannel<RecordBatch>) -> Double {
        let decoder = StreamDecoder(encoding: options.encoding)
        let reader = CSVReader(delimiter: options.delimiter, maxFieldBytes: options.maxFieldBytes)
        struct Cancelled: Error {}
        func take(_ batch: RecordBatch) throws {
            guard channel.send(batch) else { throw Cancelled() }
        }
        var buffer = [UInt8](repeating: 0, count: options.chunkBytes)
        let segments = options.segments ?? [FileSegment(range: 0..<Int.max, linesBefore: 0, lineFeedsBefore: 0)]
        do {
            for (k, segment) in segments.enumerated() {
                if k > 0 {
                    decoder.startLine(afterLineFeeds: segment.lineFeedsBefore)
                    reader.startLine(afterLines: segment.linesBefore)
                }
                if options.segments != nil && lseek(fd, off_t(segment.range.lowerBound), SEEK_SET) < 0 {
                    throw ReadFailure(message: String(cString: strerror(errno)))
                }
                var left = segment.range.count
                while left > 0 {
                    let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, left)) }
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw ReadFailure(message: String(cString: strerror(errno)))
                    }
                    if n == 0 { break }
                    left -= n
                    try buffer.withUnsafeBytes { bytes in
                        try decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[..<n]), final: false) { text in
                            try reader.parse(text, take)
                        }
                    }
                }
            }
            if let last = options.segments?.last {
                var following = [UInt8](repeating: 0, count: 3)
                let n = pread(fd, &following, 3, off_t(last.range.upperBound))
                decoder.followingBytes = Array(following.prefix(max(0, n)))
            }
            try decoder.decode(UnsafeRawBufferPointer(start: nil, count: 0), final: true) { text in
                try reader.parse(text, take)
            }
            try reader.finish(take)
            let seconds = threadCPUSeconds()
            channel.finish()
            return seconds
        } catch is Cancelled {
            channel.finish()
            return 0
        } catch {
            let seconds = threadCPUSeconds()
            channel.finish(throwing: error)
            return seconds
        }
    }

    private static func headerError(_ failure: HeaderMap.Failure, path: String, line: Int, hint: String?) -> InputFileError {
        switch failure {
        case let .missingColumn(column, names):
            return InputFileError(kind: .unusable, file: path, line: line, column: column,
                                  message: "required column \(column) is missing (header names tried: \(names.joined(separator: ", ")))"
                                      + (hint.map { "; \($0)" } ?? ""))
        case let .duplicateColumn(column, positions):
            return InputFileError(kind: .unusable, file: path, line: line, column: column,
                                  message: "columns \(positions.map(String.init).joined(separator: " and ")) both name \(column)")
        }
    }

    private static func readerError(_ failure: CSVReader.Failure, path: String) -> InputFileError {
        switch failure {
        case let .fieldTooLong(line, limit):
            return InputFileError(kind: .unusable, file: path, line: line, column: nil,
                                  message: "a field longer than \(limit) bytes starts in the record on this line; a quote is probably not closed")
        case let .unterminatedQuote(line):
            return InputFileError(kind: .unusable, file: path, line: line, column: nil,
                                  message: "the file ends inside a quoted field that starts in the record on this line")
        case let .parser(message):
            return InputFileError(kind: .unusable, file: path, line: nil, column: nil, message: "CSV parser: \(message)")
        }
    }
}

/// The CPU time of the calling thread.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
