import Foundation
import Glibc

public struct OutputFileError: Error, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
}

/// A buffered RFC 4180 writer: fields are quoted only when they hold a delimiter, a quote or a
/// line break; lines end with CRLF as RFC 4180 and Excel expect. The bytes are hashed as they
/// are written; `close` hands the file's digest to `digests`, for the manifest. With
/// `writeBehind`, hashing and writing happen on a thread of their own, a few buffers behind
/// the rows: for a file large enough to keep a core busy with that alone.
public final class CSVWriter {
    private let path: String
    private let fd: Int32
    private let encoding: OutputEncoding
    private let digests: OutputDigests?
    private let behind: WriteBehind?
    /// The current rows, not yet written: `count` bytes of `capacity`.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var encoder: iconv_t?
    private var hasher = SHA256()
    private var written: Int64 = 0
    private static let flushBytes = 1 << 20

    public init(path: String, encoding: OutputEncoding, digests: OutputDigests? = nil, writeBehind: Bool = false) throws {
        self.path = path
        self.encoding = encoding
        self.digests = digests
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputFileError(file: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        behind = writeBehind ? WriteBehind(fd: fd, path: path) : nil
        capacity = CSVWriter.flushBytes + (64 << 10)
        buffer = .allocate(capacity: capacity)
        if encoding == .utf8BOM { append(bytes: [0xEF, 0xBB, 0xBF]) }
        if encoding == .gb18030 {
            encoder = iconv_open("GB18030", "UTF-8")
        }
    }

    deinit {
        _ = try? behind?.finish()
        if let encoder { iconv_close(encoder) }
        buffer.deallocate()
        Glibc.close(fd)
    }

    public func writeRow(_ fields: [String]) throws {
        for (i, field) in fields.enumerated() {
            appendField(field, first: i == 0)
        }
        try endRow()
    }

    /// Appends one field of the current row; `first` leaves out the delimiter.
    public func appendField(_ field: String, first: Bool) {
        if field.utf8.withContiguousStorageIfAvailable({ appendField(bytes: $0, first: first) }) == nil {
            var field = field
            field.withUTF8 { appendField(bytes: $0, first: first) }
        }
    }

    /// Appends one field given as UTF-8 bytes (from a `RowStore`), quoting it when needed.
    public func appendField(bytes: UnsafeBufferPointer<UInt8>, first: Bool) {
        reserve(bytes.count * 2 + 3)
        if !first { put(UInt8(ascii: ",")) }
        // Copied while checked, in one pass: fields are short and seldom need quotes.
        var end = count
        for byte in bytes {
            if byte <= UInt8(ascii: ",") && CSVWriter.isSpecial(byte) {
                appendQuoted(bytes)
                return
            }
            buffer[end] = byte
            end += 1
        }
        count = end
    }

    private func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { put(byte) }
            put(byte)
        }
        put(UInt8(ascii: "\""))
    }

    /// Appends a field already encoded by `encodedField`, as it is.
    public func appendEncoded(field: UnsafeBufferPointer<UInt8>, first: Bool) {
        reserve(field.count + 1)
        if !first { put(UInt8(ascii: ",")) }
        append(bytes: field)
    }

    /// A field as this writer would write it, without the leading delimiter: for values
    /// written on many rows, encoded once.
    public static func encodedField(_ field: String) -> [UInt8] {
        var field = field
        return field.withUTF8 { bytes in
            guard needsQuotes(bytes) else { return Array(bytes) }
            var out: [UInt8] = [UInt8(ascii: "\"")]
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
            return out
        }
    }

    public func endRow() throws {
        reserve(2)
        put(0x0D)
        put(0x0A)
        if count >= CSVWriter.flushBytes { try flush() }
    }

    /// `,` `"` LF and CR are the only bytes at or below `,` that matter; most bytes are above.
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 <= UInt8(ascii: ",") && isSpecial($0) }
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
    }

    @inline(__always)
    private func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    private func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        (buffer + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    private func append(bytes: [UInt8]) {
        reserve(bytes.count)
        bytes.withUnsafeBufferPointer { append(bytes: $0) }
    }

    /// Makes room for `extra` more bytes: a row longer than the buffer grows it (rows are
    /// written whole, so a GB18030 conversion never cuts a character).
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = moved
        capacity = larger
    }

    /// Writes what is buffered, syncs the file and records its digest.
    public func close() throws {
        try flush()
        if let behind {
            (written, hasher) = try behind.finish()
        }
        if fsync(fd) != 0 { throw failure("cannot sync") }
        digests?.record(FileDigest(bytes: written, hex: SHA256.hexString(hasher.finalize())), for: path)
    }

    private func flush() throws {
        guard count > 0 else { return }
        let pending = UnsafeBufferPointer(start: buffer, count: count)
        if let behind {
            behind.send(encoding == .gb18030 ? try toGB18030(pending) : Array(pending))
        } else if encoding == .gb18030 {
            let encoded = try toGB18030(pending)
            try encoded.withUnsafeBytes { try CSVWriter.write($0, to: fd, path: path, hashing: &hasher) }
            written += Int64(encoded.count)
        } else {
            try CSVWriter.write(UnsafeRawBufferPointer(pending), to: fd, path: path, hashing: &hasher)
            written += Int64(pending.count)
        }
        count = 0
    }

    /// Hashes and writes `bytes` whole.
    fileprivate static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String,
                                  hashing hasher: inout SHA256) throws(OutputFileError) {
        hasher.update(bytes)
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputFileError(file: path, message: "cannot write: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    private func failure(_ what: String) -> OutputFileError {
        OutputFileError(file: path, message: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Characters GB18030 cannot hold do not exist (it covers all of Unicode), so conversion
    /// fails only on a broken iconv.
    private func toGB18030(_ utf8: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
        guard let encoder, encoder != iconv_t(bitPattern: -1) else {
            throw OutputFileError(file: path, message: "this system's iconv cannot encode GB18030")
        }
        let capacity = utf8.count * 2 + 16
        var ok = true
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: utf8.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = utf8.count
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = capacity
            ok = iconv(encoder, &inPointer, &inLeft, &outPointer, &outLeft) != -1
            initialized = capacity - outLeft
        }
        guard ok else { throw failure("cannot encode as GB18030") }
        return output
    }
}

/// The writing half of a `CSVWriter` with `writeBehind`: a background job that hashes and
/// writes the buffers handed to it through a bounded channel, in order, holding at most a few.
/// A write error is thrown by `finish`; after one, the job still takes (and drops) the buffers
/// sent, so the writer never blocks.
private final class WriteBehind {
    private let chunks: BoundedChannel<[UInt8]>
    private let job: BackgroundJob<(Int64, SHA256)>
    private let path: String
    private var finished = false

    init(fd: Int32, path: String) {
        self.path = path
        let chunks = BoundedChannel<[UInt8]>(capacity: 3)
        self.chunks = chunks
        job = BackgroundJob {
            var hasher = SHA256(), written: Int64 = 0
            var failure: OutputFileError?
            while let chunk = try chunks.receive() {
                guard failure == nil else { continue }
                do {
                    try chunk.withUnsafeBytes { try CSVWriter.write($0, to: fd, path: path, hashing: &hasher) }
                    written += Int64(chunk.count)
                } catch {
                    failure = error as? OutputFileError ?? OutputFileError(file: path, message: "\(error)")
                }
            }
            if let failure { throw failure }
            return (written, hasher)
        }
    }

    /// Blocks while `capacity` chunks wait.
    func send(_ chunk: [UInt8]) {
        chunks.send(chunk)
    }

    /// Waits until every chunk is written: the bytes written and their hash.
    func finish() throws(OutputFileError) -> (Int64, SHA256) {
        if !finished {
            finished = true
            chunks.finish()
        }
        do {
            return try job.wait()
        } catch let error as OutputFileError {
            throw error
        } catch {
            throw OutputFileError(file: path, message: "\(error)")
        }
    }
}
