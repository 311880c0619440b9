/// A dataset's schema columns (SPEC §1–§3, §7, §8 tables), one enum per dataset: the one place a
/// column's position, canonical name, header aliases and requiredness are written. The position
/// is the case's `rawValue`, a plain index (cases declared without raw values, so 0, 1, 2… in
/// table order); the byte path, the string path and the writers all name fields by case, and the
/// dataset's `DatasetSchema` is derived from the cases. Adding a column is adding a case: the
/// compiler then asks for its spec and for its canonical value (`canonicalRow`), and the byte
/// path's `RowStore.append(_:_:)` checks (in debug builds) that it writes it in its place.
public protocol DatasetColumn: RawRepresentable, CaseIterable, Sendable where RawValue == Int, AllCases == [Self] {
    /// The dataset's canonical name: `units`, `unit_accounts`, `vehicles`, …
    static var dataset: String { get }
    var spec: ColumnSpec { get }
}

extension DatasetColumn {
    /// The schema the header map, the rejected rows and the cleaned file's header read: the cases'
    /// specs in case order. Validators keep it in a `static let`; this builds it anew.
    public static var schema: DatasetSchema { DatasetSchema(name: dataset, columns: allCases.map(\.spec)) }

    /// The canonical snake_case name (`plate_no`), as the cleaned file's header writes it.
    public var name: String { spec.name }

    /// The string path's canonical row: every column's value in column order (the closure
    /// switches over every case, so a column without a value does not compile), then the
    /// pass-through fields.
    static func canonicalRow(passThrough: [String], _ value: (Self) -> String) -> [String] {
        allCases.map(value) + passThrough
    }
}

extension Array where Element: DatasetColumn {
    /// The columns' positions, for the code that reads fields by index (key columns, copied
    /// columns).
    var positions: [Int] { map(\.rawValue) }
}
