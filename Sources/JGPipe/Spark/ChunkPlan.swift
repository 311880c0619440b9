import Glibc

/// One task of a dataset cut into byte ranges: its range, the tokenizer state and line counts
/// at both ends (from the chained `ChunkScan`s), and the file's encoding, decided once.
public struct ChunkTask: Sendable, Equatable {
    public var chunk: Int
    public var dataset: String
    public var range: Range<Int>
    public var startState: TokenizerState
    public var linesBefore: Int
    public var lineFeedsBefore: Int
    public var endState: TokenizerState
    public var encoding: InputEncoding

    static let fieldCount = 9

    public var line: String {
        [String(chunk), dataset, String(range.lowerBound), String(range.upperBound), String(startState.rawValue),
         String(linesBefore), String(lineFeedsBefore), String(endState.rawValue), encoding.rawValue]
            .map(TaskLine.escape).joined(separator: "\t")
    }

    public init(chunk: Int, dataset: String, range: Range<Int>, startState: TokenizerState, linesBefore: Int,
                lineFeedsBefore: Int, endState: TokenizerState, encoding: InputEncoding) {
        self.chunk = chunk
        self.dataset = dataset
        self.range = range
        self.startState = startState
        self.linesBefore = linesBefore
        self.lineFeedsBefore = lineFeedsBefore
        self.endState = endState
        self.encoding = encoding
    }

    public init(line: Substring) throws {
        let f = TaskLine.fields(line)
        guard f.count == Self.fieldCount, let chunk = Int(f[0]), let start = Int(f[2]), let end = Int(f[3]), start <= end,
              let s = UInt8(f[4]).flatMap(TokenizerState.init(rawValue:)), let lines = Int(f[5]), let feeds = Int(f[6]),
              let e = UInt8(f[7]).flatMap(TokenizerState.init(rawValue:)), let encoding = InputEncoding(rawValue: String(f[8]))
        else { throw TaskError("not a chunk task line: \(line.prefix(200))") }
        self.init(chunk: chunk, dataset: TaskLine.unescape(f[1]), range: start..<end, startState: s, linesBefore: lines,
                  lineFeedsBefore: feeds, endState: e, encoding: encoding)
    }

    /// The parts of the file the task reads: the header record, then the records that start in
    /// its range (from the first boundary at or after its start to the first at or after its
    /// end). The first task reads from the file's start.
    func segments(fd: Int32, fileSize: Int, delimiter: UInt8) throws -> [FileSegment] {
        let finder = BoundaryFinder(fd: fd, transitions: ByteTransitions(delimiter: delimiter), fileSize: fileSize)
        let header = try finder.headerEnd()
        let end = try finder.boundary(from: range.upperBound, state: endState).offset
        if chunk == 0 {
            return [FileSegment(range: 0..<max(end, header.offset), linesBefore: 0, lineFeedsBefore: 0)]
        }
        let first = try finder.boundary(from: range.lowerBound, state: startState)
        var start = FileSegment(range: first.offset..<end, linesBefore: linesBefore + first.lines,
                                lineFeedsBefore: lineFeedsBefore + first.lineFeeds)
        if first.offset < header.offset {
            start = FileSegment(range: header.offset..<max(header.offset, end), linesBefore: header.lines,
                                lineFeedsBefore: header.lineFeeds)
        }
        return [FileSegment(range: 0..<header.offset, linesBefore: 0, lineFeedsBefore: 0), start]
    }
}

public struct TaskError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The driver's part between the two passes: chains the scans of a file's ranges into each
/// task's starting state and line counts, and decides the encoding as a whole-file read would.
public enum ChunkPlan {
    /// Byte ranges of about `chunkBytes` covering a file of `size` bytes (one for an empty file).
    public static func ranges(size: Int, chunkBytes: Int) -> [Range<Int>] {
        let count = max(1, (size + chunkBytes - 1) / max(1, chunkBytes))
        return (0..<count).map { k in (size * k / count)..<(size * (k + 1) / count) }
    }

    /// The tasks for scans that cover the file in order.
    public static func tasks(dataset: String, scans: [ChunkScan], encoding: InputEncoding) throws -> [ChunkTask] {
        var tasks: [ChunkTask] = []
        var state = TokenizerState.rowNotBegun
        var lines = 0, feeds = 0
        var afterCR = false
        for (k, scan) in scans.enumerated() {
            guard scan.range.lowerBound == (k == 0 ? 0 : scans[k - 1].range.upperBound) else {
                throw TaskError("the scans of \(dataset) do not cover the file in order (chunk \(k))")
            }
            let end = scan.endState[Int(state.rawValue)]
            tasks.append(ChunkTask(chunk: k, dataset: dataset, range: scan.range, startState: state, linesBefore: lines,
                                   lineFeedsBefore: feeds, endState: end, encoding: encoding))
            // A CRLF cut between two ranges counts once: the scan counted its LF.
            lines += scan.lines - (afterCR && scan.startsWithLF ? 1 : 0)
            feeds += scan.lineFeeds
            if !scan.range.isEmpty { afterCR = scan.endsWithCR }
            state = end
        }
        return tasks
    }

    /// SPEC §0 "Reading", as `StreamDecoder` decides in `auto`: the window from the file's
    /// first non-ASCII byte (a BOM is one); a file of ASCII only reads the same as UTF-8.
    public static func encoding(fd: Int32, firstNonASCII: Int?, configured: InputEncoding) throws -> InputEncoding {
        guard configured == .auto else { return configured }
        guard let first = firstNonASCII else { return .utf8 }
        var window = [UInt8](repeating: 0, count: StreamDecoder.decisionWindow)
        let n = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(first)) }
        guard n > 0 else { throw TaskError("cannot read the encoding window at byte \(first)") }
        let decoder = StreamDecoder(encoding: .auto)
        // Only the decision matters here; the bytes' own errors are the tasks' to report.
        try? window.withUnsafeBytes {
            try decoder.decode(UnsafeRawBufferPointer(rebasing: $0[..<n]), final: n < window.count) { _ in }
        }
        return decoder.encoding == .auto ? .utf8 : decoder.encoding
    }
}
