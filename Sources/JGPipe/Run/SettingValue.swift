import Synchronization

/// A value of the pipeline file, independent of the TOML library that read it.
public indirect enum SettingValue: Equatable, Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([SettingValue])
    case table([String: SettingValue])

    var kindName: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "a boolean"
        case .array: "a list"
        case .table: "a table"
        }
    }
}

/// A pipeline-file error: exit 78 (SPEC §5), with the key and the fix in the message.
public struct SettingsError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One table of the pipeline file with typed, defaulted look-ups that name the key on error.
///
/// SPEC §5 "Settings are checked": every look-up — of a key present or absent — is recorded in
/// the `SettingsUsage` the whole file shares, so the keys jgpipe knows are exactly the keys its
/// readers ask for; `SettingsUsage.unknownKeys` lists what the file holds beyond them. There
/// is no list of keys to keep up to date: a stage that reads a new key makes it known.
public struct SettingsTable: Sendable {
    public let path: String
    /// Read only through the look-ups below (or `lookUp`), which record what they read: a
    /// reader that went around them would make its own keys "unknown" (a test fails at once).
    fileprivate let values: [String: SettingValue]
    public let usage: SettingsUsage

    public init(path: String, values: [String: SettingValue], usage: SettingsUsage = SettingsUsage()) {
        self.path = path
        self.values = values
        self.usage = usage
    }

    /// The full name of a key, recorded as known unless it names a table (tables are not
    /// settings of their own: their keys are).
    private func key(_ name: String, isTable: Bool = false) -> String {
        let full = path.isEmpty ? name : "\(path).\(name)"
        if !isTable { usage.record(full) }
        return full
    }

    /// The keys the table holds, for a reader's own checks of them; reading them records nothing.
    public var keys: [String] { values.keys.sorted() }

    /// A key's raw value, recording the key as known: for a typed look-up written elsewhere.
    public func lookUp(_ name: String) -> SettingValue? {
        _ = key(name)
        return values[name]
    }

    private func mismatch(_ name: String, _ wanted: String, _ found: SettingValue) -> SettingsError {
        SettingsError("\(key(name)) must be \(wanted), found \(found.kindName)")
    }

    public func table(_ name: String) throws -> SettingsTable {
        switch values[name] {
        case nil: return SettingsTable(path: key(name, isTable: true), values: [:], usage: usage)
        case let .table(t)?: return SettingsTable(path: key(name, isTable: true), values: t, usage: usage)
        case let other?: throw mismatch(name, "a table", other)
        }
    }

    /// A true/false setting; `--set` gives it as the text "true" or "false".
    public func bool(_ name: String, default value: Bool) throws -> Bool {
        switch lookUp(name) {
        case nil: return value
        case let .bool(b)?: return b
        case let .string(s)? where s == "true" || s == "false": return s == "true"
        case let other?: throw mismatch(name, "true or false", other)
        }
    }

    public func string(_ name: String, default value: String) throws -> String {
        switch lookUp(name) {
        case nil: return value
        case let .string(s)?: return s
        case let other?: throw mismatch(name, "a string", other)
        }
    }

    public func int(_ name: String, default value: Int, range: ClosedRange<Int> = 0...Int.max) throws -> Int {
        let result: Int
        switch lookUp(name) {
        case nil: return value
        case let .int(i)?: result = i
        case let .string(s)?:
            guard let i = Int(s) else { throw SettingsError("\(key(name)) must be a whole number, found \"\(s)\"") }
            result = i
        case let other?: throw mismatch(name, "a whole number", other)
        }
        guard range.contains(result) else {
            throw SettingsError("\(key(name)) must be between \(range.lowerBound) and \(range.upperBound), found \(result)")
        }
        return result
    }

    public func double(_ name: String, default value: Double) throws -> Double {
        switch lookUp(name) {
        case nil: return value
        case let .double(d)?: return d
        case let .int(i)?: return Double(i)
        case let .string(s)?:
            guard let d = Double(s) else { throw SettingsError("\(key(name)) must be a number, found \"\(s)\"") }
            return d
        case let other?: throw mismatch(name, "a number", other)
        }
    }

    public func date(_ name: String, default value: CalendarDate) throws -> CalendarDate {
        guard lookUp(name) != nil else { return value }
        let text = try string(name, default: "")
        do {
            return try CalendarDate(parsing: text)
        } catch {
            throw SettingsError("\(key(name)) must be a date such as 2024-07-01, found \"\(text)\"")
        }
    }

    public func stringList(_ name: String, default value: [String]) throws -> [String] {
        switch lookUp(name) {
        case nil: return value
        case let .array(items)?:
            return try items.map {
                guard case let .string(s) = $0 else { throw mismatch(name, "a list of strings", $0) }
                return s
            }
        case let .string(s)?:
            return s.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        case let other?: throw mismatch(name, "a list of strings", other)
        }
    }

    /// A list of whole numbers (`[2, 4, 8]`, or `2,4,8` from `--set`), each within `range`.
    public func intList(_ name: String, default value: [Int], range: ClosedRange<Int> = 0...Int.max) throws -> [Int] {
        let items: [SettingValue]
        switch lookUp(name) {
        case nil: return value
        case let .array(list)?: items = list
        case let .string(s)?: items = s.split(separator: ",").map { .string(String($0).trimmingWhitespace()) }
        case let other?: throw mismatch(name, "a list of whole numbers", other)
        }
        return try items.map { item in
            let number: Int
            switch item {
            case let .int(i): number = i
            case let .string(s):
                guard let i = Int(s) else { throw SettingsError("\(key(name)) must be a list of whole numbers, found \"\(s)\"") }
                number = i
            default: throw mismatch(name, "a list of whole numbers", item)
            }
            guard range.contains(number) else {
                throw SettingsError("\(key(name)) items must be between \(range.lowerBound) and \(range.upperBound), found \(number)")
            }
            return number
        }
    }

    /// An array of tables (`[[section.name]]` in TOML), each named `path.name[n]` (from 1) in
    /// errors; nil when the key is absent, so the caller can tell "not given" from "empty".
    public func tableList(_ name: String) throws -> [SettingsTable]? {
        switch values[name] {
        case nil: return nil
        case let .array(items)?:
            return try items.enumerated().map { n, item in
                guard case let .table(t) = item else { throw mismatch(name, "a list of tables", item) }
                return SettingsTable(path: "\(key(name, isTable: true))[\(n + 1)]", values: t, usage: usage)
            }
        case let other?: throw mismatch(name, "a list of tables", other)
        }
    }

    /// A table whose values are all strings, e.g. `[detachments]` or `[templates]`. Its keys
    /// are known when `known` is nil (free keys, such as region prefixes), else only those in
    /// `known`: any other is left for the unknown-key check, with `known` as its suggestions.
    public func stringMap(_ name: String, known: Set<String>? = nil) throws -> [String: String] {
        let t = try table(name)
        var result: [String: String] = [:]
        for k in known ?? [] { t.usage.record(t.path + "." + k) }
        for (k, v) in t.values where known?.contains(k) ?? true {
            guard case let .string(s) = t.lookUp(k) else { throw t.mismatch(k, "a string", v) }
            result[k] = s
        }
        return result
    }

    public func choice<T: RawRepresentable & CaseIterable>(_ name: String, default value: T) throws -> T where T.RawValue == String {
        let text = try string(name, default: value.rawValue)
        guard let result = T(rawValue: text.lowercased()) else {
            throw SettingsError("\(key(name)) must be one of \(T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(text)\"")
        }
        return result
    }
}

/// The keys the readers of one pipeline file asked for (SPEC §5 "Settings are checked").
public final class SettingsUsage: Sendable {
    private let known = Mutex<Set<String>>([])

    public init() {}

    func record(_ key: String) {
        _ = known.withLock { $0.insert(key) }
    }

    /// Every key of `values` (nested tables, arrays of tables as `name[n]`) no reader asked
    /// for, sorted, each with the closest known key when one is close.
    public func unknownKeys(in root: SettingsTable) -> [(key: String, suggestion: String?)] {
        let values = root.values
        let known = self.known.withLock { $0 }
        var unknown: [String] = []
        func walk(_ table: [String: SettingValue], _ path: String) {
            for (name, value) in table {
                let key = path.isEmpty ? name : path + "." + name
                switch value {
                case let .table(inner): walk(inner, key)
                case let .array(items) where !items.isEmpty && items.allSatisfy({ if case .table = $0 { true } else { false } }):
                    for (n, item) in items.enumerated() { if case let .table(inner) = item { walk(inner, "\(key)[\(n + 1)]") } }
                default: if !known.contains(key) { unknown.append(key) }
                }
            }
        }
        walk(values, "")
        return unknown.sorted().map { ($0, Self.closest(to: $0, among: known)) }
    }

    /// The known key nearest in edit distance, compared whole and by its last component (a key
    /// written without or in the wrong section); nil when none is near.
    static func closest(to key: String, among known: Set<String>) -> String? {
        let last = { (k: String) in String(k.split(separator: ".").last ?? Substring(k)) }
        var best: (distance: Int, whole: Int, key: String)?
        for candidate in known.sorted() {
            let whole = editDistance(key, candidate)
            let distance = min(whole, editDistance(last(key), last(candidate)) + 1)
            if best.map({ (distance, whole) < ($0.distance, $0.whole) }) ?? true { best = (distance, whole, candidate) }
        }
        guard let best, best.distance <= max(2, last(key).count / 3) else { return nil }
        return best.key
    }

    /// Levenshtein distance over characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous + (a[i - 1] == b[j - 1] ? 0 : 1)
                previous = row[j]
                row[j] = min(substitution, row[j] + 1, row[j - 1] + 1)
            }
        }
        return row[b.count]
    }
}
