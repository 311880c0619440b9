import Foundation
import TOMLKit

/// Reads a pipeline file (TOML) into settings values and applies `--set` overrides.
public enum PipelineFile {
    public static func load(path: String) throws -> (values: [String: SettingValue], sha256: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError("\(path): cannot read the pipeline file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SettingsError("\(path): the pipeline file must be UTF-8")
        }
        return (try parse(text, name: path), SHA256.hex(data))
    }

    public static func parse(_ text: String, name: String = "pipeline") throws -> [String: SettingValue] {
        do {
            return convert(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            throw SettingsError("\(name):\(error.source.begin.line):\(error.source.begin.column): \(error.description)")
        }
    }

    /// `--set SECTION.KEY=VALUE`: the value takes the type of the value it replaces; a list is
    /// written as comma-separated items (SPEC §5).
    public static func apply(override: String, to values: inout [String: SettingValue]) throws {
        guard let equals = override.firstIndex(of: "=") else {
            throw SettingsError("--set \(override): expected SECTION.KEY=VALUE")
        }
        let path = override[..<equals].split(separator: ".").map(String.init)
        let text = String(override[override.index(after: equals)...])
        guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty }) else {
            throw SettingsError("--set \(override): expected SECTION.KEY=VALUE")
        }
        values = try set(path[...], text, in: values, override: override)
    }

    /// The `SECTION.KEY` of a `--set SECTION.KEY=VALUE`.
    public static func key(ofOverride override: String) -> String {
        String(override.prefix { $0 != "=" })
    }

    private static func set(_ path: ArraySlice<String>, _ text: String, in table: [String: SettingValue],
                            override: String) throws -> [String: SettingValue] {
        var table = table
        let key = path.first!
        if path.count == 1 {
            table[key] = typed(text, like: table[key])
            return table
        }
        var inner: [String: SettingValue] = [:]
        switch table[key] {
        case nil: break
        case let .table(t)?: inner = t
        default: throw SettingsError("--set \(override): \(key) is not a table")
        }
        table[key] = .table(try set(path.dropFirst(), text, in: inner, override: override))
        return table
    }

    private static func typed(_ text: String, like existing: SettingValue?) -> SettingValue {
        switch existing {
        case .array?:
            return .array(text.split(separator: ",").map { .string(String($0).trimmingWhitespace()) })
        case .int?: return Int(text).map(SettingValue.int) ?? .string(text)
        case .double?: return Double(text).map(SettingValue.double) ?? .string(text)
        case .bool?: return Bool(text).map(SettingValue.bool) ?? .string(text)
        default: return .string(text)
        }
    }

    private static func convert(_ table: TOMLTable) -> [String: SettingValue] {
        var result: [String: SettingValue] = [:]
        for key in table.keys {
            if let value = table[key] { result[key] = convert(value) }
        }
        return result
    }

    private static func convert(_ value: TOMLValueConvertible) -> SettingValue {
        if let table = value.table { return .table(convert(table)) }
        if let array = value.array { return .array(array.map { convert($0) }) }
        if let bool = value.bool, value.type == .bool { return .bool(bool) }
        if let int = value.int, value.type == .int { return .int(int) }
        if let double = value.double, value.type == .double { return .double(double) }
        if let date = value.date {
            let pad = { (n: Int) in n < 10 ? "0\(n)" : String(n) }
            return .string("\(date.year)-\(pad(date.month))-\(pad(date.day))")
        }
        return .string(value.string ?? "")
    }
}
