import Glibc

/// A sorted run of packed notices spilled to a file (`NoticeCollector`): the records one after
/// another, as `PackedNotices` holds them.
enum NoticeRunFile {
    /// Creates a run file at `path` and writes to it the records `body` hands to its argument.
    static func write(to path: String, _ body: ((UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws {
        guard let file = fopen(path, "wx") else { throw failure(path, "cannot create") }
        setvbuf(file, nil, _IOFBF, 1 << 20)
        do {
            try body { record in
                guard fwrite(record.baseAddress, 1, record.count, file) == record.count else {
                    throw failure(path, "cannot write")
                }
            }
        } catch {
            fclose(file)
            throw error
        }
        if fclose(file) != 0 { throw failure(path, "cannot write") }
    }

    static func failure(_ path: String, _ what: String) -> OutputFileError {
        OutputFileError(file: path, message: "\(what) (a sorted run of notices): \(String(cString: strerror(errno)))")
    }
}

/// Reads a run file a record at a time through a buffer of its own.
final class NoticeRunReader {
    private let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutableBufferPointer<UInt8>
    /// The current record is `buffer[start..<next]`; `buffer[next..<end]` is read and not yet used.
    private var start = 0, next = 0, end = 0
    private var atEOF = false

    init(path: String, bufferBytes: Int = 1 << 20) throws {
        guard let file = fopen(path, "r") else { throw NoticeRunFile.failure(path, "cannot open") }
        self.path = path
        self.file = file
        buffer = .allocate(capacity: bufferBytes)
    }

    deinit {
        fclose(file)
        buffer.deallocate()
    }

    /// The current record, valid until `advance` is called again.
    var current: PackedNotice { PackedNotice(record: UnsafeBufferPointer(rebasing: buffer[start..<next])) }

    /// Moves to the next record; false at the end of the run.
    func advance() throws -> Bool {
        start = next
        while true {
            if let length = PackedNotice.recordLength(in: UnsafeBufferPointer(rebasing: buffer[start..<end])) {
                next = start + length
                return true
            }
            if atEOF {
                guard start == end else { throw NoticeRunFile.failure(path, "ends inside a record") }
                return false
            }
            try refill()
        }
    }

    /// Keeps the unused bytes, moved to the front (the buffer doubled when a record fills it), and reads more.
    private func refill() throws {
        let kept = end - start
        if kept == buffer.count {
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
            _ = larger.initialize(from: buffer[start..<end])
            buffer.deallocate()
            buffer = larger
        } else if start > 0 {
            memmove(buffer.baseAddress!, buffer.baseAddress! + start, kept)
        }
        start = 0
        next = 0
        end = kept
        let read = fread(buffer.baseAddress! + end, 1, buffer.count - end, file)
        if read < buffer.count - end {
            if ferror(file) != 0 { throw NoticeRunFile.failure(path, "cannot read") }
            atEOF = true
        }
        end += read
    }
}
