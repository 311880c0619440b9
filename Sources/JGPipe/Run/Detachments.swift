/// SPEC §0 "Region and detachment": the 支队 that notifies a record is the region's first four
/// digits + "00", unless the pipeline file's `[detachments]` table maps a region prefix elsewhere.
/// The same table may name a detachment: a 6-digit code whose value is not a code
/// (`440100 = "广州市公安局交通警察支队"`); the outputs for people show the name beside the code.
public struct Detachments: Sendable {
    private let overrides: [String: String]
    private let prefixLengths: [Int]
    private let names: [String: String]

    /// No overrides, no names.
    public static let unnamed = Detachments(validated: [:], names: [:])

    private init(validated overrides: [String: String], names: [String: String]) {
        self.overrides = overrides
        self.names = names
        prefixLengths = []
    }

    public init(overrides table: [String: String] = [:]) throws {
        var overrides: [String: String] = [:], names: [String: String] = [:]
        for (prefix, value) in table {
            guard (2...6).contains(prefix.count), ASCII.allDigits(prefix.utf8) else {
                throw SettingsError("detachments: \"\(prefix)\" must be a region prefix of 2 to 6 digits")
            }
            if value.count == 6, ASCII.allDigits(value.utf8) {
                overrides[prefix] = value
            } else if prefix.count == 6, !value.isEmpty, !ASCII.allDigits(value.utf8) {
                names[prefix] = value
            } else {
                throw SettingsError("detachments.\(prefix) must be a 6-digit detachment code, or (for a 6-digit key) the detachment's name, found \"\(value)\"")
            }
        }
        self.overrides = overrides
        self.names = names
        prefixLengths = Set(overrides.keys.map(\.count)).sorted(by: >)
    }

    /// The longest mapped prefix wins; otherwise first four digits + "00".
    public func code(for region: RegionCode) -> String {
        for length in prefixLengths {
            if let code = overrides[String(region.value.prefix(length))] { return code }
        }
        return String(region.prefix4) + "00"
    }

    /// The detachment's name from the pipeline file, or "" when it has none.
    public func name(of code: String) -> String {
        names[code] ?? ""
    }

    /// "440100 广州市公安局交通警察支队", or the code alone when unnamed.
    public func label(of code: String) -> String {
        let name = name(of: code)
        return name.isEmpty ? code : code + " " + name
    }
}
