/// Records parsed from one chunk of UTF-8 text: one flat byte buffer with field boundaries,
/// so a chunk costs a few allocations, not one per field.
public struct RecordBatch: Sendable {
    public struct Record: Sendable {
        /// Physical line (1-based) on which the record starts.
        public let line: Int
        let firstField: Int
        public let fieldCount: Int
    }

    /// The fields' bytes back to back; field `f` is `bytes[fieldEnds[f - 1]..<fieldEnds[f]]`
    /// (from 0 for the first).
    var bytes: [UInt8] = []
    var fieldEnds: [Int] = []
    public private(set) var records: [Record] = []

    public var count: Int { records.count }

    public func field(_ record: Int, _ index: Int) -> String {
        withRawRows { String(decoding: $0[record][index], as: UTF8.self) }
    }

    public func fields(_ record: Int) -> [String] {
        withRawRows { $0[record].fields }
    }

    init(bytes: [UInt8], fieldEnds: [Int], records: [Record]) {
        self.bytes = bytes
        self.fieldEnds = fieldEnds
        self.records = records
    }
}
