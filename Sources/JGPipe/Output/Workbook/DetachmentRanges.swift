import Glibc

/// Where each detachment's rows are in one of the run's staged CSVs, which are ordered by
/// `detachment_code` first (SPEC §6): the byte range of its records, found by one pass over the
/// file's bytes. With them every workbook reads its own rows (`CSVRowSource(path:bytes:…)`),
/// so several are written at once, and memory holds no rows in between.
struct DetachmentRanges {
    let path: String
    let header: [String]
    let encoding: InputEncoding
    /// Each detachment code of the file with the bytes of its records, in file order.
    let codes: [(code: String, bytes: Range<Int>)]

    /// Scans `path` (written by this run in `encoding`); nil when the run did not write it.
    init?(path: String, encoding: OutputEncoding) throws {
        guard let rows = try CSVRowSource(path: path) else { return nil }
        guard let codeColumn = rows.header.firstIndex(of: "detachment_code") else {
            throw OutputFileError(file: path, message: "has no detachment_code column for the workbooks")
        }
        self.path = path
        header = rows.header
        self.encoding = encoding == .gb18030 ? .gb18030 : .utf8
        codes = try Self.scan(path, codeColumn: codeColumn)
    }

    /// The records' byte ranges by detachment code.
    private static func scan(_ path: String, codeColumn: Int) throws -> [(code: String, bytes: Range<Int>)] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputFileError(file: path, message: "cannot read back: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var scanner = Scanner(path: path, codeColumn: codeColumn)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw OutputFileError(file: path, message: "cannot read back: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            try chunk.withUnsafeBufferPointer { try scanner.feed(UnsafeBufferPointer(rebasing: $0[..<n])) }
        }
        return try scanner.finish()
    }

    /// Works on the raw bytes in either output encoding: no byte of a GB18030 multi-byte
    /// character is `"`, `,`, CR or LF. A quote toggles quoting (an escaped `""` toggles twice);
    /// the first record is the header.
    private struct Scanner {
        let path: String
        let codeColumn: Int
        var codes: [(code: String, bytes: Range<Int>)] = []
        /// The detachment of the records since `currentStart`.
        var current: [UInt8]?
        var currentStart = 0
        /// The record being read: its code field so far, its field number, where it starts.
        var code: [UInt8] = []
        var field = 0
        var quoted = false
        var recordStart = 0
        var offset = 0
        var inHeader = true

        init(path: String, codeColumn: Int) {
            self.path = path
            self.codeColumn = codeColumn
        }

        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            for k in bytes.indices {
                let byte = bytes[k]
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if quoted {
                    if field == codeColumn { code.append(byte) }
                } else if byte == UInt8(ascii: ",") {
                    field += 1
                } else if byte == 0x0A {
                    try endRecord(at: offset + k + 1)
                } else if byte != 0x0D && field == codeColumn {
                    code.append(byte)
                }
            }
            offset += bytes.count
        }

        mutating func finish() throws -> [(code: String, bytes: Range<Int>)] {
            if recordStart < offset { try endRecord(at: offset) }
            if let current { codes.append((String(decoding: current, as: UTF8.self), currentStart..<offset)) }
            return codes
        }

        private mutating func endRecord(at end: Int) throws {
            defer {
                recordStart = end
                field = 0
                code.removeAll(keepingCapacity: true)
            }
            if inHeader {
                inHeader = false
                return
            }
            guard code != current else { return }
            if let current {
                guard current.lexicographicallyPrecedes(code) else {
                    throw OutputFileError(file: path, message: "is not ordered by detachment_code (\(String(decoding: code, as: UTF8.self)) after \(String(decoding: current, as: UTF8.self)))")
                }
                codes.append((String(decoding: current, as: UTF8.self), currentStart..<recordStart))
            }
            current = code
            currentStart = recordStart
        }
    }
}
