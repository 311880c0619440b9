private import CSQLite

/// A SQLite failure as a value: the result code, SQLite's message and the statement that failed.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String

    public var description: String { "SQLite error \(code) (\(message)) in: \(sql)" }
}

/// A value bound to or read from a statement.
public enum SQLiteValue: Sendable, Equatable {
    case int(Int64)
    case text(String)
    case null
}

/// One open database. It alone owns its `sqlite3` handle and closes it on deinit; statements
/// keep their connection alive.
///
/// Opened in SQLite's serialized mode (`SQLITE_OPEN_FULLMUTEX`): SQLite takes the connection's
/// mutex in every call, so two threads may use it at once, each with statements of its own
/// (`RunLedger.stage` beside `noticeLookups`; `RunRecord.deliver` stages beside a delivery that
/// looks nothing up, so that it is sound whichever thread touches the ledger meanwhile).
final class SQLiteConnection {
    fileprivate let handle: OpaquePointer

    init(path: String) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: message, sql: "open \(path)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        // Someone reading the ledger with the sqlite3 shell holds a read lock for a moment.
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows (schema, pragmas, BEGIN/COMMIT).
    func execute(_ sql: String) throws(SQLiteError) {
        var errorText: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorText)
        guard rc == SQLITE_OK else {
            let message = errorText.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(errorText)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }


    fileprivate var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }
}

/// One prepared statement, owned here and finalized on deinit; reusable after `reset`.
final class SQLiteStatement {
    private let connection: SQLiteConnection
    private let handle: OpaquePointer
    let sql: String

    fileprivate init(connection: SQLiteConnection, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw SQLiteError(code: rc, message: connection.lastMessage, sql: sql)
        }
        self.connection = connection
        handle = statement
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs the statement with `values` bound to its `?` parameters, in order, and returns
    /// every row it yields. The statement is reset afterwards, ready for the next call.
    @discardableResult
    func run(_ values: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (i, value) in values.enumerated() {
            let position = Int32(i + 1)
            let rc: Int32
            switch value {
            case let .int(v): rc = sqlite3_bind_int64(handle, position, v)
            case let .text(s): rc = sqlite3_bind_text(handle, position, s, -1, sqliteTransient)
            case .null: rc = sqlite3_bind_null(handle, position)
            }
            guard rc == SQLITE_OK else { throw SQLiteError(code: rc, message: connection.lastMessage, sql: sql) }
        }
        var rows: [[SQLiteValue]] = []
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return rows }
            guard rc == SQLITE_ROW else { throw SQLiteError(code: rc, message: connection.lastMessage, sql: sql) }
            rows.append((0..<sqlite3_column_count(handle)).map(column))
        }
    }

    /// Binds parameter `position` (from 1) to text given as UTF-8 bytes, which SQLite copies.
    func bind(_ position: Int32, utf8 bytes: UnsafeBufferPointer<UInt8>) throws(SQLiteError) {
        // A nil pointer would bind NULL, not empty text.
        let rc = bytes.isEmpty ? sqlite3_bind_text(handle, position, "", 0, sqliteTransient) : bytes.withMemoryRebound(to: CChar.self) {
            sqlite3_bind_text(handle, position, $0.baseAddress, Int32($0.count), sqliteTransient)
        }
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, message: connection.lastMessage, sql: sql) }
    }

    func bind(_ position: Int32, _ value: Int64) throws(SQLiteError) {
        let rc = sqlite3_bind_int64(handle, position, value)
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, message: connection.lastMessage, sql: sql) }
    }

    /// Runs a statement that yields no rows with what `bind` bound, then resets it, keeping the
    /// bindings: for inserting many rows without a `String` or an array a row.
    func step() throws(SQLiteError) {
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        guard rc == SQLITE_DONE else { throw SQLiteError(code: rc, message: connection.lastMessage, sql: sql) }
    }

    /// Runs a query with what `bind` bound and tells whether it yields a row, then resets it,
    /// keeping the bindings: for many look-ups without a `String` or an array each.
    func yieldsRow() throws(SQLiteError) -> Bool {
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        guard rc == SQLITE_ROW || rc == SQLITE_DONE else { throw SQLiteError(code: rc, message: connection.lastMessage, sql: sql) }
        return rc == SQLITE_ROW
    }

    private func column(_ i: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .int(sqlite3_column_int64(handle, i))
        default: .text(sqlite3_column_text(handle, i).map { String(cString: $0) } ?? "")
        }
    }
}

/// SQLITE_TRANSIENT: SQLite copies the bound text before the call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension SQLiteValue {
    var int: Int64? { if case let .int(v) = self { v } else { nil } }
    var text: String? { if case let .text(s) = self { s } else { nil } }
}
