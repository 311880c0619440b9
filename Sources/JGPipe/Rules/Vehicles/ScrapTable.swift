/// The service lives of the mandatory-scrapping standard (机动车强制报废标准规定, 2012) as the
/// pipeline file's `[[vehicles.scrap_life]]` rows: the first row matching a vehicle gives its life (V1).
public struct ScrapTable: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// Use nature letters; empty matches any.
        public let useNatures: [String]
        /// Vehicle-type prefixes (`K3` matches K30…K39); empty matches any.
        public let vehicleTypes: [String]
        public let years: Int

        public init(useNatures: [String], vehicleTypes: [String], years: Int) {
            self.useNatures = useNatures
            self.vehicleTypes = vehicleTypes
            self.years = years
        }

        public func matches(vehicleType: String, useNature: String) -> Bool {
            (useNatures.isEmpty || useNatures.contains(useNature))
                && (vehicleTypes.isEmpty || vehicleTypes.contains { vehicleType.hasPrefix($0) })
        }
    }

    public let rows: [Row]

    public init(rows: [Row]) {
        self.rows = rows
    }

    /// The service life in years of the first matching row; nil when none matches (no age limit,
    /// e.g. non-operating small and micro passenger cars).
    public func serviceLife(vehicleType: String, useNature: String) -> Int? {
        rows.first { $0.matches(vehicleType: vehicleType, useNature: useNature) }?.years
    }

    /// SPEC §3 V1 default table, in order; `pipelines/default.toml` holds the same rows.
    public static let defaults = ScrapTable(rows: [
        Row(useNatures: ["R"], vehicleTypes: [], years: 10),
        Row(useNatures: ["D", "T"], vehicleTypes: ["K1"], years: 12),
        Row(useNatures: ["D", "T"], vehicleTypes: ["K2"], years: 10),
        Row(useNatures: ["D", "T"], vehicleTypes: ["K3", "K4"], years: 8),
        Row(useNatures: ["G"], vehicleTypes: ["K"], years: 15),
        Row(useNatures: ["N"], vehicleTypes: ["K1"], years: 15),
        Row(useNatures: ["N"], vehicleTypes: ["K2"], years: 12),
        Row(useNatures: ["N"], vehicleTypes: ["K3", "K4"], years: 10),
        Row(useNatures: ["C"], vehicleTypes: [], years: 13),
        Row(useNatures: ["O", "P", "Q", "S"], vehicleTypes: [], years: 15),
        Row(useNatures: ["B", "E"], vehicleTypes: ["K1", "K2"], years: 15),
        Row(useNatures: ["B", "E"], vehicleTypes: ["K3", "K4"], years: 10),
        Row(useNatures: [], vehicleTypes: ["K1", "K2"], years: 20),
        Row(useNatures: [], vehicleTypes: ["H4"], years: 12),
        Row(useNatures: [], vehicleTypes: ["H", "Q"], years: 15),
        Row(useNatures: [], vehicleTypes: ["N"], years: 9),
        Row(useNatures: [], vehicleTypes: ["M11", "M12", "M13", "M14"], years: 12),
        Row(useNatures: [], vehicleTypes: ["M"], years: 13),
    ])
}
