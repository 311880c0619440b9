/// SPEC §0 "Region and detachment": the 支队 that notifies a record is the region's first four
/// digits + "00", unless the pipeline file's `[detachments]` table maps a region prefix elsewhere.
public struct Detachments: Sendable {
    private let overrides: [String: String]
    private let prefixLengths: [Int]

    public init(overrides: [String: String] = [:]) throws {
        for (prefix, code) in overrides {
            guard (2...6).contains(prefix.count), ASCII.allDigits(prefix.utf8) else {
                throw SettingsError("detachments: \"\(prefix)\" must be a region prefix of 2 to 6 digits")
            }
            guard code.count == 6, ASCII.allDigits(code.utf8) else {
                throw SettingsError("detachments.\(prefix) must be a 6-digit detachment code, found \"\(code)\"")
            }
        }
        self.overrides = overrides
        prefixLengths = Set(overrides.keys.map(\.count)).sorted(by: >)
    }

    /// The longest mapped prefix wins; otherwise first four digits + "00".
    public func code(for region: RegionCode) -> String {
        for length in prefixLengths {
            if let code = overrides[String(region.value.prefix(length))] { return code }
        }
        return String(region.prefix4) + "00"
    }
}
