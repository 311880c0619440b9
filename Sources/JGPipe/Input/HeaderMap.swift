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

    /// For a header that names no schema column at all but is one field that splits cleanly on
    /// `;`, a tab or `|` (every part non-empty): the `run.delimiter` that would read it.
    static func delimiterHint(header: [String], schema: DatasetSchema, extraAliases: [String: [String]]) -> String? {
        let known = Set(schema.columns.flatMap { [$0.name] + $0.aliases + (extraAliases[$0.name] ?? []) }.map(matchKey))
        guard header.count == 1, !header.contains(where: { known.contains(matchKey($0)) }) else { return nil }
        for (delimiter, written) in [(";", "\";\""), ("\t", "\"\\t\""), ("|", "\"|\"")] {
            let parts = header[0].split(separator: Character(delimiter), omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, parts.allSatisfy({ !$0.trimmingWhitespace().isEmpty }) else { continue }
            let matching = parts.filter { known.contains(matchKey($0)) }.count
            return "the header splits cleanly on \(written) into \(parts.count) columns (\(matching) of them known): set run.delimiter = \(written) in the pipeline file, or --set run.delimiter=\(delimiter == "\t" ? "$'\\t'" : "'\(delimiter)'")"
        }
        return nil
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
