import Glibc

/// Reads back one of the run's own staged CSV outputs a row at a time, on the caller's thread:
/// the workbooks are written from the very rows of the CSVs (SPEC §6), several files at once,
/// each consumed as far as the current detachment goes.
final class CSVRowSource {
    let path: String
    private(set) var header: [String] = []
    private let fd: Int32
    private let decoder = StreamDecoder(encoding: .auto)
    private let reader = CSVReader()
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)
    private var batches: [RecordBatch] = []
    private var batch: RecordBatch?
    private var next = 0
    private var ended = false

    /// Opens `path`; nil when the run did not write it (its stage was skipped).
    init?(path: String) throws {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw OutputFileError(file: path, message: "cannot read back: \(String(cString: strerror(errno)))")
        }
        self.path = path
        guard let first = try advance() else {
            throw OutputFileError(file: path, message: "has no header row")
        }
        header = first.batch.fields(first.index)
    }

    deinit { close(fd) }

    /// The fields of the next row as bytes, valid inside `body`; false at the end of the file.
    func withNextRow(_ body: (RawRow) throws -> Void) throws -> Bool {
        guard let row = try advance() else { return false }
        try row.batch.withRawRows { try body($0[row.index]) }
        return true
    }

    /// Runs `body` on the next row only while `accept` says it belongs (rows stay in the file
    /// otherwise, for the next caller); returns whether a row was taken.
    func withNextRow(if accept: (RawRow) -> Bool, _ body: (RawRow) throws -> Void) throws -> Bool {
        guard let row = try peek(), row.batch.withRawRows({ accept($0[row.index]) }) else { return false }
        next += 1
        try row.batch.withRawRows { try body($0[row.index]) }
        return true
    }

    /// The next row without taking it.
    func peekRow<R>(_ body: (RawRow) -> R) throws -> R? {
        guard let row = try peek() else { return nil }
        return row.batch.withRawRows { body($0[row.index]) }
    }

    private struct Row {
        let batch: RecordBatch
        let index: Int
    }

    private func advance() throws -> Row? {
        guard let row = try peek() else { return nil }
        next += 1
        return row
    }

    private func peek() throws -> Row? {
        while true {
            if let batch, next < batch.count { return Row(batch: batch, index: next) }
            if !batches.isEmpty {
                batch = batches.removeFirst()
                next = 0
                continue
            }
            if ended { return nil }
            try readChunk()
        }
    }

    private func readChunk() throws {
        var n: Int
        repeat { n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } } while n < 0 && errno == EINTR
        guard n >= 0 else { throw OutputFileError(file: path, message: "cannot read back: \(String(cString: strerror(errno)))") }
        try chunk.withUnsafeBytes { bytes in
            try decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[..<n]), final: n == 0) { text in
                try reader.parse(text) { batches.append($0) }
            }
        }
        if n == 0 {
            try reader.finish { batches.append($0) }
            ended = true
        }
    }
}
