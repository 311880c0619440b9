/// Where each schema column sits in an input file, and which columns pass through.
public struct HeaderMap: Sendable {
    public enum Failure: Error, Equatable {
        case missingColumn(column: String, namesTried: [String])
        case duplicateColumn(column: String, positions: [Int])
    }

    /// The header as read.
    public let header: [String]
    /// For each schema column, its position in the input (nil when the column is absent).
    public let sources: [Int?]
    /// Input positions of the columns outside the schema, in input order.
    public let passThrough: [Int]

    public var passThroughNames: [String] { passThrough.map { header[$0] } }

    /// SPEC §0 "Headers": matching ignores case, surrounding spaces and a BOM.
    public init(header: [String], schema: DatasetSchema, extraAliases: [String: [String]] = [:]) throws(Failure) {
        self.header = header
        let keys = header.map(HeaderMap.matchKey)
        var sources: [Int?] = []
        var claimed = Set<Int>()
        for column in schema.columns {
            let names = [column.name] + column.aliases + (extraAliases[column.name] ?? [])
            let wanted = Set(names.map(HeaderMap.matchKey))
            let positions = keys.indices.filter { wanted.contains(keys[$0]) }
            if positions.count > 1 {
                throw .duplicateColumn(column: column.name, positions: positions.map { $0 + 1 })
            }
            if positions.isEmpty && column.required {
                throw .missingColumn(column: column.name, namesTried: names)
            }
            sources.append(positions.first)
            claimed.formUnion(positions)
        }
        self.sources = sources
        self.passThrough = header.indices.filter { !claimed.contains($0) }
    }

    static func matchKey(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where scalar != "\u{FEFF}" {
            scalars.append(scalar)
        }
        return String(scalars).trimmingWhitespace().lowercased()
    }
}

extension String {
    /// Trims Unicode white space (U+3000 included) from both ends.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}

extension HeaderMap {
    /// A schema column's name as this file's header wrote it (BOM and surrounding spaces left
    /// out), or its canonical name when the file has no such column.
    public func columnName(_ column: Int, in schema: DatasetSchema) -> String {
        guard column < sources.count, let source = sources[column] else { return schema.columns[column].name }
        var name = Substring(header[source])
        if name.hasPrefix("\u{FEFF}") { name = name.dropFirst() }
        let trimmed = String(name).trimmingWhitespace()
        return trimmed.isEmpty ? schema.columns[column].name : trimmed
    }
}
