/// A `<dataset>.rejected.csv` being written (`StagingFolder.openRejected`).
public final class RejectedFile {
    private let writer: CSVWriter
    private var digest: RejectionDigest

    init(writer: CSVWriter, digest: RejectionDigest) {
        self.writer = writer
        self.digest = digest
    }

    public func write(_ rows: [RejectedRow]) throws {
        for row in rows {
            try writer.writeRow([String(row.line), row.code.rawValue, row.message] + row.fields)
            digest.add(row)
        }
    }

    /// Closes the file; what the report shows of its rows, for the stage's output.
    public func close() throws -> RejectionDigest {
        try writer.close()
        return digest
    }
}

/// What the report shows of one dataset's rejected rows: every count, a few examples.
public struct RejectionDigest: Sendable {
    public static let samplesPerCode = 3

    public let dataset: String
    public let header: [String]
    public private(set) var counts: [ErrorCode: Int] = [:]
    public private(set) var samples: [ErrorCode: [RejectedRow]] = [:]

    public init(dataset: String, header: [String]) {
        self.dataset = dataset
        self.header = header
    }

    /// A digest read back from a Spark task's result (`ChunkResult`).
    init(dataset: String, header: [String], counts: [ErrorCode: Int], samples: [ErrorCode: [RejectedRow]]) {
        self.dataset = dataset
        self.header = header
        self.counts = counts
        self.samples = samples
    }

    /// The digest of the rows that follow this one's (the next chunk's): counts add up, the
    /// samples are still the first few of each code.
    mutating func merge(_ next: RejectionDigest) {
        counts.merge(next.counts, uniquingKeysWith: +)
        for (code, rows) in next.samples {
            samples[code, default: []] += rows.prefix(max(0, Self.samplesPerCode - samples[code, default: []].count))
        }
    }

    mutating func add(_ row: RejectedRow) {
        counts[row.code, default: 0] += 1
        if samples[row.code, default: []].count < Self.samplesPerCode { samples[row.code, default: []].append(row) }
    }

    /// Codes by count, most frequent first (ties by code).
    public var codesByCount: [(code: ErrorCode, count: Int)] {
        counts.map { (code: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.code < $1.code }
    }
}
