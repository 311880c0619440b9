import Glibc
private import CPosix

/// Turns the raw bytes of an input file into UTF-8, chunk by chunk, with no whole-file load.
///
/// A multi-byte character split across two reads is carried over to the next one. In `auto`
/// mode the decision is taken at the first non-ASCII byte, over the `decisionWindow` bytes from
/// there (or up to the end of a shorter file): a GBK file whose first rows are plain ASCII is
/// still recognised (SPEC §0 "Reading"), and the decision does not depend on the read size.
public final class StreamDecoder {
    public struct Failure: Error, Equatable {
        public let line: Int
        public let column: Int
        public let message: String
    }

    /// GB18030 text with a few Chinese characters is almost never valid UTF-8, so 4 KiB from
    /// the first non-ASCII byte decide; a fixed window keeps the decision independent of where
    /// the reads cut the file.
    static let decisionWindow = 4096

    public private(set) var encoding: InputEncoding
    private var pending: [UInt8] = []
    private var atStart = true
    private var converter: iconv_t?
    private var newlines = 0
    private var bytesSinceNewline = 0

    public init(encoding: InputEncoding = .auto) {
        self.encoding = encoding
    }

    deinit {
        if let converter { iconv_close(converter) }
    }

    /// Decodes `chunk`; `final` marks the end of the input. Calls `sink` with UTF-8 text.
    public func decode(_ chunk: UnsafeRawBufferPointer, final: Bool,
                       _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        if encoding == .utf8 && !atStart {
            var rest = chunk
            if !pending.isEmpty && chunk.count >= 4 {
                // Finish the character the last read cut (at most 3 more bytes), then go on in
                // place. If it is not valid, the general path below reports it.
                let carried = pending.count
                pending.append(contentsOf: chunk.prefix(4))
                let valid = pending.withUnsafeBufferPointer { UTF8Validation.validPrefix($0) }
                pending.removeLast(pending.count - max(valid, carried))
                if valid > carried {
                    try emit(count: valid, sink)
                    rest = UnsafeRawBufferPointer(rebasing: chunk[(valid - carried)...])
                }
            }
            if pending.isEmpty {
                return try decodeUTF8InPlace(rest, final: final, sink)
            }
        }
        pending.append(contentsOf: chunk)
        if atStart {
            if pending.count < 3 && !final { return }
            atStart = false
            if pending.starts(with: [0xEF, 0xBB, 0xBF]) {
                pending.removeFirst(3)
                if encoding == .auto { encoding = .utf8 }
            }
        }
        if encoding == .auto {
            decideEncoding(final: final)
        }
        switch encoding {
        case .auto:
            // Undecided: only the ASCII before the first non-ASCII byte may go out.
            try emit(count: pending.firstIndex(where: { $0 >= 0x80 }) ?? pending.count, sink)
        case .utf8:
            // The valid text before a bad byte goes out first, so an earlier problem (a header
            // that does not map) is reported before a later one, whatever the read size.
            let (usable, invalid) = validateUTF8(final: final)
            try emit(count: usable, sink)
            if invalid {
                throw Failure(line: newlines + 1, column: bytesSinceNewline + 1,
                              message: "bytes that are not valid UTF-8 (0x\(hex(pending.prefix(4)))) in a file read as UTF-8; mixed encodings in one file cannot be decoded")
            }
        case .gb18030:
            try convertGB18030(final: final, sink)
        }
    }

    /// Between two segments of a file read in parts (`FileSegment`): the next byte follows
    /// `lineFeeds` line feeds of the whole file and starts a line.
    func startLine(afterLineFeeds lineFeeds: Int) {
        newlines = lineFeeds
        bytesSinceNewline = 0
    }

    /// Looks for the first non-ASCII byte; stays undecided (emitting ASCII) until one appears
    /// and the window after it has been read.
    private func decideEncoding(final: Bool) {
        guard let first = pending.firstIndex(where: { $0 >= 0x80 }) else { return }
        let window = pending[first...].prefix(Self.decisionWindow)
        if window.count < Self.decisionWindow && !final { return }
        let valid = window.withUnsafeBufferPointer { UTF8Validation.validPrefix($0) }
        // A character cut by the window's end is not held against UTF-8.
        let cutAtEnd = window.count == Self.decisionWindow && window.count - valid < 4
            && UTF8Validation.isIncompleteSequence(window.dropFirst(valid))
        encoding = valid == window.count || cutAtEnd ? .utf8 : .gb18030
    }

    /// The common case, UTF-8 with no character carried over: the read goes out without a
    /// copy, as `validateUTF8` and `emit` would send it.
    private func decodeUTF8InPlace(_ chunk: UnsafeRawBufferPointer, final: Bool,
                                   _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let valid = UTF8Validation.validPrefix(chunk.assumingMemoryBound(to: UInt8.self))
        if valid > 0 {
            let text = UnsafeRawBufferPointer(rebasing: chunk[..<valid])
            countLines(text)
            try sink(text)
        }
        pending.append(contentsOf: chunk[valid...])
        if valid < chunk.count && (final || chunk.count - valid >= 4) {
            throw Failure(line: newlines + 1, column: bytesSinceNewline + 1,
                          message: "bytes that are not valid UTF-8 (0x\(hex(pending.prefix(4)))) in a file read as UTF-8; mixed encodings in one file cannot be decoded")
        }
    }

    /// How many leading bytes of `pending` may be emitted, and whether invalid UTF-8 follows them.
    private func validateUTF8(final: Bool) -> (usable: Int, invalid: Bool) {
        let valid = pending.withUnsafeBufferPointer { UTF8Validation.validPrefix($0) }
        if valid == pending.count { return (valid, false) }
        let rest = pending[valid...]
        // Fewer than 4 bytes left: wait for more, also when they are already invalid, so the
        // error quotes the same bytes whatever the read size.
        return (valid, final || rest.count >= 4)
    }

    private func emit(count: Int, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard count > 0 else { return }
        try pending.withUnsafeBytes {
            let text = UnsafeRawBufferPointer(rebasing: $0[..<count])
            countLines(text)
            try sink(text)
        }
        pending.removeFirst(count)
    }

    private func convertGB18030(final: Bool, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        if converter == nil {
            let handle = iconv_open("UTF-8", "GB18030")
            guard let handle, handle != iconv_t(bitPattern: -1) else {
                throw Failure(line: 1, column: 1, message: "this system's iconv cannot decode GB18030")
            }
            converter = handle
        }
        // ASCII stays one byte, two-byte characters become three, four-byte ones four.
        let capacity = pending.count * 2 + 16
        var consumed = 0
        var produced = 0
        var failure: Int32 = 0
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            pending.withUnsafeMutableBytes { input in
                var inPointer: UnsafeMutablePointer<CChar>? = input.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = input.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = capacity
                if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                    failure = errno
                }
                consumed = input.count - inLeft
                produced = capacity - outLeft
            }
            initialized = produced
        }
        // The text before a bad byte goes out first (see the UTF-8 case).
        if produced > 0 {
            try output.withUnsafeBytes { try sink($0) }
        }
        let rest = pending[consumed...]
        if (failure == EILSEQ || failure == EINVAL) && (final || rest.count >= 4) {
            pending.withUnsafeBytes { countLines(UnsafeRawBufferPointer(rebasing: $0[..<consumed])) }
            let what = failure == EILSEQ ? "bytes that are not valid GB18030" : "a GB18030 character cut off at the end of the file"
            throw Failure(line: newlines + 1, column: bytesSinceNewline + 1,
                          message: "\(what) (0x\(hex(rest.prefix(4))))")
        }
        pending.withUnsafeBytes { countLines(UnsafeRawBufferPointer(rebasing: $0[..<consumed])) }
        pending.removeFirst(consumed)
    }

    /// Keeps the line and column of the next undecoded byte, for error messages.
    private func countLines(_ text: UnsafeRawBufferPointer) {
        guard let base = text.baseAddress else { return }
        jg_count_lines(base.assumingMemoryBound(to: UInt8.self), text.count, &newlines, &bytesSinceNewline)
    }

    /// The bytes that follow the input in its file, when only a part is decoded (a Spark
    /// task's range): an error at the part's end quotes them as a whole-file read would.
    var followingBytes: [UInt8] = []

    private func hex(_ bytes: ArraySlice<UInt8>) -> String {
        (Array(bytes) + followingBytes).prefix(4).map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
