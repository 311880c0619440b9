import Glibc

/// Reads back one of the run's own staged CSV outputs a row at a time, on the caller's thread:
/// the workbooks are written from the very rows of the CSVs (SPEC §6). A source reads the whole
/// file, or only the bytes of one detachment's rows (`DetachmentRanges`), so that workbooks can
/// be written on several threads, each reading its own rows.
final class CSVRowSource {
    let path: String
    private(set) var header: [String] = []
    private let fd: Int32
    private let decoder: StreamDecoder
    private let reader = CSVReader()
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)
    private var batches: [RecordBatch] = []
    private var batch: RecordBatch?
    private var next = 0
    private var ended = false
    /// Bytes left to read of the file's part this source reads.
    private var remaining: Int

    /// Opens `path` and reads its header; nil when the run did not write it (its stage was skipped).
    convenience init?(path: String) throws {
        guard let fd = try Self.open(path) else { return nil }
        self.init(path: path, fd: fd, encoding: .auto, remaining: .max)
        guard let first = try advance() else {
            throw OutputFileError(file: path, message: "has no header row")
        }
        header = first.batch.fields(first.index)
    }

    /// The rows in `bytes` of `path`, whole records found by `DetachmentRanges`, written in `encoding`.
    convenience init(path: String, bytes: Range<Int>, header: [String], encoding: InputEncoding) throws {
        guard let fd = try Self.open(path) else { throw OutputFileError(file: path, message: "is gone") }
        self.init(path: path, fd: fd, encoding: encoding, remaining: bytes.count)
        self.header = header
        guard lseek(fd, off_t(bytes.lowerBound), SEEK_SET) == off_t(bytes.lowerBound) else {
            throw OutputFileError(file: path, message: "cannot read back: \(String(cString: strerror(errno)))")
        }
    }

    private init(path: String, fd: Int32, encoding: InputEncoding, remaining: Int) {
        self.path = path
        self.fd = fd
        decoder = StreamDecoder(encoding: encoding)
        self.remaining = remaining
    }

    private static func open(_ path: String) throws -> Int32? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw OutputFileError(file: path, message: "cannot read back: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    deinit { close(fd) }

    /// The fields of the next row as bytes, valid inside `body`; false at the end of the file.
    func withNextRow(_ body: (RawRow) throws -> Void) throws -> Bool {
        guard let row = try advance() else { return false }
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
        let wanted = min(chunk.count, remaining)
        repeat { n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, wanted) } } while n < 0 && errno == EINTR
        guard n >= 0 else { throw OutputFileError(file: path, message: "cannot read back: \(String(cString: strerror(errno)))") }
        remaining -= n
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
