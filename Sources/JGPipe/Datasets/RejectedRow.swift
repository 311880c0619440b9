/// A row that cannot be trusted (SPEC §0 "Rejected rows"): it takes part in no rule and goes to
/// `<dataset>.rejected.csv` with its original fields as read.
public struct RejectedRow: Sendable {
    public let line: Int
    public let code: ErrorCode
    public let message: String
    public let fields: [String]

    public init(line: Int, code: ErrorCode, message: String, fields: [String]) {
        self.line = line
        self.code = code
        self.message = message
        self.fields = fields
    }

    public static let leadingColumns = ["line", "error_code", "error"]

    /// SPEC §0 "Duplicates": a row whose key a differing row shares; `keyNames` as the file's
    /// header wrote them (SPEC §6).
    static func duplicateKey(line: Int, keyNames: String, key: String, fields: [String]) -> RejectedRow {
        RejectedRow(line: line, code: .duplicateKey, message: "\(keyNames) \(key) 出现在多行且内容不同", fields: fields)
    }
}

/// SPEC §0 "Conservation": input records = cleaned + rejected + collapsed duplicates.
public struct DatasetCounts: Sendable, Equatable {
    public var inputRecords = 0
    public var cleaned = 0
    public var rejected = 0
    public var collapsedDuplicates = 0
    public var rejectedByCode: [ErrorCode: Int] = [:]

    public init() {}

    public var isConserved: Bool { inputRecords == cleaned + rejected + collapsedDuplicates }

    public var rejectedRatio: Double { inputRecords == 0 ? 0 : Double(rejected) / Double(inputRecords) }

    public var json: JSONValue {
        .object([
            ("input_records", .int(inputRecords)),
            ("cleaned", .int(cleaned)),
            ("rejected", .int(rejected)),
            ("collapsed_duplicates", .int(collapsedDuplicates)),
            ("conserved", .bool(isConserved)),
            ("rejected_by_code", .counts(Dictionary(uniqueKeysWithValues: rejectedByCode.map { ($0.key.rawValue, $0.value) }))),
        ])
    }
}
