/// One input row seen through its dataset's header map: schema values by column (`DatasetColumn`),
/// normalised on request, with errors that name the column (SPEC §0).
public struct SchemaRow {
    public let row: InputRow
    public let map: HeaderMap
    public let schema: DatasetSchema

    /// The value as read ("" when the column is absent from the file).
    public func raw(_ column: some DatasetColumn) -> String {
        guard let source = map.sources[column.rawValue] else { return "" }
        return row.fields[source]
    }

    /// SPEC §0 "Normalising text".
    public func text(_ column: some DatasetColumn) -> String { Text.normalize(raw(column)) }

    public func code(_ column: some DatasetColumn) -> String { Text.normalizeCode(raw(column)) }

    public func required(_ column: some DatasetColumn) throws(FieldError) -> String {
        let value = text(column)
        if value.isEmpty { throw FieldError(.missingField, "\(name(column)) 为空") }
        return value
    }

    /// The column as the file's own header wrote it (`单位名称`), for the rejected rows' sentences
    /// (SPEC §6); the canonical name when the file lacks the column.
    public func name(_ column: some DatasetColumn) -> String { map.columnName(column.rawValue, in: schema) }

    /// Runs a field initializer and prefixes its error with the column name.
    public func parse<T>(_ column: some DatasetColumn, _ make: (String) throws(FieldError) -> T) throws(FieldError) -> T {
        do {
            return try make(raw(column))
        } catch {
            throw FieldError(error.code, "\(name(column)) \(error.message)")
        }
    }

    /// A person's identity document from its number column (with the type column beside it).
    public func identity<Column: DatasetColumn>(type: Column, number: Column) throws(FieldError) -> IdentityNumber {
        try parse(number) { (raw: String) throws(FieldError) in try IdentityNumber(type: self.raw(type), number: raw) }
    }

    /// `identity`, the number column being required.
    public func requiredIdentity<Column: DatasetColumn>(type: Column, number: Column) throws(FieldError) -> IdentityNumber {
        _ = try required(number)
        return try identity(type: type, number: number)
    }

    /// A value from a closed list (status, role, …): canonical, or INVALID_CODE. The lists hold
    /// a handful of short strings, so a scan beats hashing on every row.
    public func choice<T>(_ column: some DatasetColumn, _ values: [String: T]) throws(FieldError) -> T {
        let value = text(column)
        for (key, result) in values where key == value { return result }
        let lower = value.lowercased()
        for (key, result) in values where key == lower { return result }
        throw FieldError(.invalidCode, "\(name(column)) \"\(value)\" 不是可选值（\(values.keys.filter { !$0.isEmpty }.sorted().joined(separator: "、"))）之一")
    }

    /// The pass-through fields, as read.
    public var passThrough: [String] { map.passThrough.map { row.fields[$0] } }
}
