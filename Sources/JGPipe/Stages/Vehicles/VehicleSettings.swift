/// The `[vehicles]` section of the pipeline file (SPEC §3).
public struct VehicleSettings: Equatable, Sendable {
    /// 三.二.2: how many days ahead of the scrap date the owner is told (V2).
    public var scrapNoticeDays: Int
    /// 七.二: how many days ahead of inspection_valid_until the owner is told (V4).
    public var inspectionNoticeDays: Int
    /// 一: 4-digit region prefixes of the electronic-certificate pilot cities (V5). Empty by
    /// default: the pilot list comes from the ministry, not from the measure's text.
    public var ecertPilotRegions: [String]
    /// SPEC §3 status: the letters that close a vehicle (E, M, B).
    public var closedStatuses: ClosedStatusLetters
    /// V4: `[vehicles.exempt_sticker]`.
    public var exemptSticker: ExemptStickerRules
    /// V1: the mandatory-scrapping standard (2012) as `[[vehicles.scrap_life]]` rows.
    public var scrapTable: ScrapTable

    public static let defaults = VehicleSettings(scrapNoticeDays: 90, inspectionNoticeDays: 30, ecertPilotRegions: [],
                                                 closedStatuses: .defaults, exemptSticker: .defaults,
                                                 scrapTable: .defaults)

    public init(scrapNoticeDays: Int, inspectionNoticeDays: Int, ecertPilotRegions: [String],
                closedStatuses: ClosedStatusLetters, exemptSticker: ExemptStickerRules, scrapTable: ScrapTable) {
        self.scrapNoticeDays = scrapNoticeDays
        self.inspectionNoticeDays = inspectionNoticeDays
        self.ecertPilotRegions = ecertPilotRegions
        self.closedStatuses = closedStatuses
        self.exemptSticker = exemptSticker
        self.scrapTable = scrapTable
    }

    public init(_ table: SettingsTable) throws {
        let defaults = VehicleSettings.defaults
        scrapNoticeDays = try table.int("scrap_notice_days", default: defaults.scrapNoticeDays, range: 0...3660)
        inspectionNoticeDays = try table.int("inspection_notice_days", default: defaults.inspectionNoticeDays,
                                             range: 0...3660)
        ecertPilotRegions = try table.stringList("ecert_pilot_regions", default: defaults.ecertPilotRegions)
        for prefix in ecertPilotRegions where !(prefix.utf8.count == 4 && ASCII.allDigits(prefix.utf8)) {
            throw SettingsError("\(table.path).ecert_pilot_regions: \"\(prefix)\" must be a 4-digit region prefix such as 4401")
        }
        closedStatuses = try table.closedStatuses(default: defaults.closedStatuses)
        exemptSticker = try ExemptStickerRules(settings: try table.table("exempt_sticker"))
        scrapTable = try table.tableList("scrap_life").map(ScrapTable.init(settings:)) ?? defaults.scrapTable
    }
}

extension ExemptStickerRules {
    /// `[vehicles.exempt_sticker]`; a missing key keeps its default.
    init(settings table: SettingsTable) throws {
        let defaults = ExemptStickerRules.defaults
        let excluded = try table.stringList("excluded_vehicle_types", default: defaults.excludedVehicleTypes)
            .map(Text.normalizeCode)
        if let bad = excluded.first(where: { !ScrapTable.isTypePrefix($0) }) {
            throw SettingsError("\(table.path).excluded_vehicle_types: \"\(bad)\" is not a vehicle-type code or prefix such as K39")
        }
        self.init(excludedVehicleTypes: excluded,
                  carAges: try table.intList("car_ages", default: defaults.carAges, range: 1...100),
                  motorcycleAges: try table.intList("motorcycle_ages", default: defaults.motorcycleAges, range: 1...100))
    }
}

extension ScrapTable {
    static let keys: Set<String> = ["use_natures", "vehicle_types", "years"]

    /// A GA 24.4 type prefix as the settings write it: letters and digits, e.g. K3, H4, K39.
    static func isTypePrefix(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Rows of `[[vehicles.scrap_life]]`; a mistyped key or letter stops the run (exit 78)
    /// rather than silently matching nothing.
    init(settings rows: [SettingsTable]) throws {
        self.init(rows: try rows.map { row in
            if let unknown = row.keys.first(where: { !ScrapTable.keys.contains($0) }) {
                throw SettingsError("\(row.path).\(unknown) is not a key of a scrap_life row (use_natures, vehicle_types, years)")
            }
            guard row.lookUp("years") != nil else { throw SettingsError("\(row.path).years is required") }
            let natures = try row.stringList("use_natures", default: []).map(Text.normalizeCode)
            if let bad = natures.first(where: { !($0.count == 1 && ("A"..."U").contains($0)) }) {
                throw SettingsError("\(row.path).use_natures: \"\(bad)\" is not a use nature letter A-U")
            }
            let types = try row.stringList("vehicle_types", default: []).map(Text.normalizeCode)
            if let bad = types.first(where: { !ScrapTable.isTypePrefix($0) }) {
                throw SettingsError("\(row.path).vehicle_types: \"\(bad)\" is not a vehicle-type prefix such as K3 or H4")
            }
            return Row(useNatures: natures, vehicleTypes: types, years: try row.int("years", default: 0, range: 0...100))
        })
    }
}
