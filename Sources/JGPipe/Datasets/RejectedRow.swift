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
