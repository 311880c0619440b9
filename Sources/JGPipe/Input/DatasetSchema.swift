/// One schema column of a dataset: its canonical snake_case name and the header aliases that
/// also name it (SPEC §1–§3 tables; the pipeline file may add more).
public struct ColumnSpec: Sendable {
    public let name: String
    public let aliases: [String]
    /// A required column must be present in the header; its absence stops the run (exit 65).
    public let required: Bool

    public init(_ name: String, aliases: [String] = [], required: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.required = required
    }
}

public struct DatasetSchema: Sendable {
    /// The dataset's canonical name: `units`, `unit_accounts`, `exam_enrollments`, `vehicles`.
    public let name: String
    public let columns: [ColumnSpec]

    public init(name: String, columns: [ColumnSpec]) {
        self.name = name
        self.columns = columns
    }

    public func index(of column: String) -> Int {
        guard let index = columns.firstIndex(where: { $0.name == column }) else {
            preconditionFailure("\(column) is not a column of \(name)")
        }
        return index
    }

    public var columnNames: [String] { columns.map(\.name) }
}
