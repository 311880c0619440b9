import Glibc

public struct OutputFileError: Error, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
}

/// A buffered RFC 4180 writer: fields are quoted only when they hold a delimiter, a quote or a
/// line break; lines end with CRLF as RFC 4180 and Excel expect.
public final class CSVWriter {
    private let path: String
    private let fd: Int32
    private let encoding: OutputEncoding
    private var buffer: [UInt8] = []
    private var encoder: iconv_t?
    private static let flushBytes = 1 << 20

    public init(path: String, encoding: OutputEncoding) throws {
        self.path = path
        self.encoding = encoding
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputFileError(file: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(CSVWriter.flushBytes + 4096)
        if encoding == .utf8BOM { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        if encoding == .gb18030 {
            encoder = iconv_open("GB18030", "UTF-8")
        }
    }

    deinit {
        if let encoder { iconv_close(encoder) }
        Glibc.close(fd)
    }

    public func writeRow(_ fields: [String]) throws {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            appendField(field)
        }
        try endRow()
    }

    /// Appends one field of the current row; `first` leaves out the delimiter.
    public func appendField(_ field: String, first: Bool) {
        if !first { buffer.append(UInt8(ascii: ",")) }
        appendField(field)
    }

    public func endRow() throws {
        buffer.append(0x0D)
        buffer.append(0x0A)
        if buffer.count >= CSVWriter.flushBytes { try flush() }
    }

    private func appendField(_ field: String) {
        var field = field
        field.withUTF8 { appendField(bytes: $0) }
    }

    /// Appends one field given as UTF-8 bytes (from a `RowStore`), quoting it when needed.
    public func appendField(bytes: UnsafeBufferPointer<UInt8>, first: Bool) {
        if !first { buffer.append(UInt8(ascii: ",")) }
        appendField(bytes: bytes)
    }

    private func appendField(bytes: UnsafeBufferPointer<UInt8>) {
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if !needsQuotes {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    public func close() throws {
        try flush()
        if fsync(fd) != 0 { throw failure("cannot sync") }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        let bytes = encoding == .gb18030 ? try toGB18030(buffer) : buffer
        var offset = 0
        try bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write")
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func failure(_ what: String) -> OutputFileError {
        OutputFileError(file: path, message: "\(what): \(String(cString: strerror(errno)))")
    }

    /// Characters GB18030 cannot hold do not exist (it covers all of Unicode), so conversion
    /// fails only on a broken iconv.
    private func toGB18030(_ utf8: [UInt8]) throws -> [UInt8] {
        guard let encoder, encoder != iconv_t(bitPattern: -1) else {
            throw OutputFileError(file: path, message: "this system's iconv cannot encode GB18030")
        }
        var input = utf8
        let capacity = utf8.count * 2 + 16
        var ok = true
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
            input.withUnsafeMutableBytes { inBytes in
                var inPointer: UnsafeMutablePointer<CChar>? = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBytes.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = capacity
                ok = iconv(encoder, &inPointer, &inLeft, &outPointer, &outLeft) != -1
                initialized = capacity - outLeft
            }
        }
        guard ok else { throw failure("cannot encode as GB18030") }
        return output
    }
}
