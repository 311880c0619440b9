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
