import Glibc

/// The CSV tokenizer's states (libcsv's, as `Sources/CCSV/csv.c` keeps them) with its quoted
/// flag folded in. A byte range of a file can be tokenized on its own only from a record
/// boundary, and where the boundaries lie depends on the state the range starts in: a task
/// scans its range from every state at once (`ChunkScan`), the plan chains the ranges from
/// the file's start, and each task then knows its true starting state (docs/SCALE-OUT.md).
public enum TokenizerState: UInt8, CaseIterable, Sendable {
    case rowNotBegun = 0, fieldNotBegun, unquoted, quoted, mightHaveEnded
}

/// The tokenizer's state transitions on raw bytes, case by case as in `jg_csv_parse`. They
/// hold on GB18030 bytes as on UTF-8 ones: a quote, CR, LF, comma, semicolon or tab is never
/// a trail byte of a GB18030 character (trail bytes are 0x30–0x39, 0x40–0x7E, 0x80–0xFE).
struct ByteTransitions {
    /// next[state * 256 + byte]
    private var next = [UInt8](repeating: 0, count: 5 * 256)

    init(delimiter: UInt8) {
        for byte in 0..<256 {
            let c = UInt8(byte)
            let lineBreak = c == 0x0D || c == 0x0A, quote = c == 0x22, separator = c == delimiter
            let fromStart: TokenizerState = lineBreak ? .rowNotBegun : separator ? .fieldNotBegun : quote ? .quoted : .unquoted
            let table: [TokenizerState: TokenizerState] = [
                .rowNotBegun: fromStart,
                .fieldNotBegun: fromStart,
                .unquoted: lineBreak ? .rowNotBegun : separator ? .fieldNotBegun : .unquoted,
                .quoted: quote ? .mightHaveEnded : .quoted,
                .mightHaveEnded: separator ? .fieldNotBegun : lineBreak ? .rowNotBegun : .quoted,
            ]
            for (from, to) in table { next[Int(from.rawValue) * 256 + byte] = to.rawValue }
        }
    }

    /// Delimiters whose byte may be the trail byte of a GB18030 character: a file in GB18030
    /// cannot be cut at raw-byte boundaries with such a delimiter (`|` is one).
    static func isSafeInGB18030(delimiter: UInt8) -> Bool {
        !((0x30...0x39).contains(delimiter) || (0x40...0x7E).contains(delimiter) || delimiter >= 0x80)
    }

    func callAsFunction(_ state: UInt8, _ byte: UInt8) -> UInt8 {
        next[Int(state) * 256 + Int(byte)]
    }

    func withTable<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        next.withUnsafeBufferPointer(body)
    }
}

/// What a task's first pass tells of its byte range: where each starting state ends, and the
/// line breaks in it (lines as the tokenizer counts them: CR, and LF not right after CR; line
/// feeds as the decoder counts them), for the plan to prefix.
public struct ChunkScan: Sendable, Equatable {
    public var range: Range<Int>
    /// endState[s]: the state after the range when it starts in state s.
    public var endState: [TokenizerState]
    /// Line breaks counted as if the byte before the range were not a CR.
    public var lines: Int
    public var lineFeeds: Int
    public var startsWithLF: Bool
    public var endsWithCR: Bool
    /// The offset of the range's first byte ≥ 0x80, for the encoding decision.
    public var firstNonASCII: Int?

    /// Scans `range` of the file at `fd`.
    public static func scan(fd: Int32, range: Range<Int>, delimiter: UInt8) throws -> ChunkScan {
        let transitions = ByteTransitions(delimiter: delimiter)
        var states = TokenizerState.allCases.map(\.rawValue)
        var result = ChunkScan(range: range, endState: [], lines: 0, lineFeeds: 0, startsWithLF: false, endsWithCR: false,
                               firstNonASCII: nil)
        var previousCR = false
        var offset = range.lowerBound
        try FileBytes.forEach(fd: fd, range: range) { bytes in
            if offset == range.lowerBound, let first = bytes.first { result.startsWithLF = first == 0x0A }
            var lines = 0, lineFeeds = 0
            for (k, byte) in bytes.enumerated() {
                if byte == 0x0D { lines += 1 } else if byte == 0x0A {
                    lineFeeds += 1
                    if !previousCR { lines += 1 }
                } else if byte >= 0x80 && result.firstNonASCII == nil {
                    result.firstNonASCII = offset + k
                }
                previousCR = byte == 0x0D
            }
            result.lines += lines
            result.lineFeeds += lineFeeds
            transitions.withTable { table in
                // Starting states merge after the first line break outside quotes; only the
                // distinct ones are stepped.
                let before = Array(Set(states)).sorted()
                var after = before
                after.withUnsafeMutableBufferPointer { current in
                    for byte in bytes {
                        for j in current.indices { current[j] = table[Int(current[j]) * 256 + Int(byte)] }
                    }
                }
                states = states.map { after[before.firstIndex(of: $0)!] }
            }
            offset += bytes.count
        }
        result.endsWithCR = previousCR
        result.endState = states.map { TokenizerState(rawValue: $0)! }
        return result
    }
}

/// Finds record boundaries in a file: positions where the tokenizer stands between rows and
/// that do not split a CRLF.
struct BoundaryFinder {
    let fd: Int32
    let transitions: ByteTransitions
    let fileSize: Int

    struct Boundary: Equatable {
        var offset: Int
        /// Line breaks and line feeds between the starting offset and this boundary.
        var lines: Int
        var lineFeeds: Int
    }

    /// The first boundary at or after `offset`, which the tokenizer reaches in `state`; the
    /// end of the file when there is none.
    func boundary(from offset: Int, state: TokenizerState) throws -> Boundary {
        try scan(from: offset, state: state.rawValue, previousCR: offset > 0 && byte(at: offset - 1) == 0x0D,
                 afterContent: false)
    }

    /// Where the header record (the first record, after any blank lines) ends, with the line
    /// breaks up to there.
    func headerEnd() throws -> Boundary {
        try scan(from: 0, state: 0, previousCR: false, afterContent: true)
    }

    /// The first boundary at or after `offset`, with the line breaks before it; `afterContent`:
    /// only one after a byte that took the tokenizer out of its between-rows state (blank lines
    /// before the header are not a record).
    private func scan(from offset: Int, state: UInt8, previousCR: Bool, afterContent: Bool) throws -> Boundary {
        var state = state, previousCR = previousCR, begun = !afterContent
        var found = Boundary(offset: fileSize, lines: 0, lineFeeds: 0)
        var position = offset
        try FileBytes.whilePieces(fd: fd, range: offset..<fileSize) { bytes in
            for byte in bytes {
                if begun && state == 0 && !(previousCR && byte == 0x0A) {
                    found.offset = position
                    return false
                }
                if byte == 0x0D { found.lines += 1 } else if byte == 0x0A {
                    found.lineFeeds += 1
                    if !previousCR { found.lines += 1 }
                }
                previousCR = byte == 0x0D
                state = transitions(state, byte)
                if state != 0 { begun = true }
                position += 1
            }
            return true
        }
        return found
    }

    private func byte(at offset: Int) throws -> UInt8 {
        var byte: UInt8 = 0
        guard pread(fd, &byte, 1, off_t(offset)) == 1 else { throw FileBytes.Failure(message: "cannot read byte \(offset)") }
        return byte
    }
}

/// Reads a byte range of a file in pieces of 1 MiB.
enum FileBytes {
    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static let pieceBytes = 1 << 20

    /// Hands the range to `body` piece by piece; `body` returns false to stop.
    static func whilePieces(fd: Int32, range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Bool) throws {
        var buffer = [UInt8](repeating: 0, count: pieceBytes)
        var offset = range.lowerBound
        while offset < range.upperBound {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, range.upperBound - offset), off_t(offset)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "read failed: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            let go = try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<n])) }
            if !go { return }
            offset += n
        }
    }

    static func forEach(fd: Int32, range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try whilePieces(fd: fd, range: range) { bytes in
            try body(bytes)
            return true
        }
    }
}
