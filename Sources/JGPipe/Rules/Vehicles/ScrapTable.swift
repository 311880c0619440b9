/// The service lives of the mandatory-scrapping standard (机动车强制报废标准规定, 2012) as the
/// pipeline file's `[[vehicles.scrap_life]]` rows: the first row matching a vehicle gives its life (V1).
public struct ScrapTable: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// Use nature letters; empty matches any.
        public let useNatures: [String]
        /// Vehicle-type prefixes (`K3` matches K30…K39); empty matches any.
        public let vehicleTypes: [String]
        /// The service life; 0 means no age limit (SPEC §3 V1: `years = 0`).
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

    /// The service life in years of the first matching row; nil when none matches or the row
    /// says `years = 0` (no age limit: non-operating small and micro passenger cars, large
    /// sedans K16).
    public func serviceLife(vehicleType: String, useNature: String) -> Int? {
        guard let years = rows.first(where: { $0.matches(vehicleType: vehicleType, useNature: useNature) })?.years,
              years > 0 else { return nil }
        return years
    }

    /// SPEC §3 V1 default table (机动车强制报废标准规定 article 5), in order; `pipelines/default.toml`
    /// holds the same rows, each with the standard's words.
    public static let defaults = ScrapTable(rows: [
        Row(useNatures: ["R"], vehicleTypes: [], years: 10),
        Row(useNatures: ["D", "T", "M", "U"], vehicleTypes: ["K1"], years: 12),
        Row(useNatures: ["D", "T", "M", "U"], vehicleTypes: ["K2"], years: 10),
        Row(useNatures: ["D", "T", "M", "U"], vehicleTypes: ["K3", "K4"], years: 8),
        Row(useNatures: ["G"], vehicleTypes: ["K"], years: 15),
        Row(useNatures: ["N"], vehicleTypes: ["K1"], years: 15),
        Row(useNatures: ["N"], vehicleTypes: ["K2"], years: 12),
        Row(useNatures: ["N"], vehicleTypes: ["K3", "K4"], years: 10),
        Row(useNatures: ["C"], vehicleTypes: [], years: 13),
        Row(useNatures: ["O", "P", "Q", "S"], vehicleTypes: [], years: 15),
        Row(useNatures: ["B", "E", "L"], vehicleTypes: ["K1", "K2"], years: 15),
        Row(useNatures: ["B", "E", "L"], vehicleTypes: ["K3", "K4"], years: 10),
        Row(useNatures: [], vehicleTypes: ["K16"], years: 0),
        Row(useNatures: [], vehicleTypes: ["K1", "K2"], years: 20),
        Row(useNatures: [], vehicleTypes: ["H4"], years: 12),
        Row(useNatures: [], vehicleTypes: ["H5"], years: 12),
        Row(useNatures: [], vehicleTypes: ["H", "Q"], years: 15),
        Row(useNatures: [], vehicleTypes: ["N"], years: 9),
        Row(useNatures: [], vehicleTypes: ["G"], years: 10),
        Row(useNatures: [], vehicleTypes: ["B15", "B25", "B35"], years: 20),
        Row(useNatures: [], vehicleTypes: ["B"], years: 15),
        Row(useNatures: [], vehicleTypes: ["Z"], years: 30),
        Row(useNatures: [], vehicleTypes: ["M11", "M12", "M13", "M14"], years: 12),
        Row(useNatures: [], vehicleTypes: ["M"], years: 13),
    ])
}
