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
public struct SettingsTable: Sendable {
    public let path: String
    public let values: [String: SettingValue]

    public init(path: String, values: [String: SettingValue]) {
        self.path = path
        self.values = values
    }

    private func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    private func mismatch(_ name: String, _ wanted: String, _ found: SettingValue) -> SettingsError {
        SettingsError("\(key(name)) must be \(wanted), found \(found.kindName)")
    }

    public func table(_ name: String) throws -> SettingsTable {
        switch values[name] {
        case nil: return SettingsTable(path: key(name), values: [:])
        case let .table(t)?: return SettingsTable(path: key(name), values: t)
        case let other?: throw mismatch(name, "a table", other)
        }
    }

    public func string(_ name: String, default value: String) throws -> String {
        switch values[name] {
        case nil: return value
        case let .string(s)?: return s
        case let other?: throw mismatch(name, "a string", other)
        }
    }

    public func int(_ name: String, default value: Int, range: ClosedRange<Int> = 0...Int.max) throws -> Int {
        let result: Int
        switch values[name] {
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
        switch values[name] {
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
        guard values[name] != nil else { return value }
        let text = try string(name, default: "")
        do {
            return try CalendarDate(parsing: text)
        } catch {
            throw SettingsError("\(key(name)) must be a date such as 2024-07-01, found \"\(text)\"")
        }
    }

    public func stringList(_ name: String, default value: [String]) throws -> [String] {
        switch values[name] {
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
        switch values[name] {
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
                return SettingsTable(path: "\(key(name))[\(n + 1)]", values: t)
            }
        case let other?: throw mismatch(name, "a list of tables", other)
        }
    }

    /// A table whose values are all strings, e.g. `[detachments]` or `[templates]`.
    public func stringMap(_ name: String) throws -> [String: String] {
        let t = try table(name)
        var result: [String: String] = [:]
        for (k, v) in t.values {
            guard case let .string(s) = v else { throw t.mismatch(k, "a string", v) }
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
