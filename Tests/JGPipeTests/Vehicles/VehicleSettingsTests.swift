import Foundation
import Testing
@testable import JGPipe

@Suite("[vehicles] settings")
struct VehicleSettingsTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    func settings(_ toml: String, overrides: [String] = []) throws -> VehicleSettings {
        var values = try PipelineFile.parse(toml)
        for override in overrides { try PipelineFile.apply(override: override, to: &values) }
        return try VehicleSettings(SettingsTable(path: "", values: values).table("vehicles"))
    }

    @Test("pipelines/default.toml holds exactly the code defaults, scrap table included")
    func defaultFileEqualsCode() throws {
        let (values, _) = try PipelineFile.load(path: Self.repository + "/pipelines/default.toml")
        let fromFile = try VehicleSettings(SettingsTable(path: "", values: values).table("vehicles"))
        #expect(fromFile == VehicleSettings.defaults)
        #expect(fromFile.scrapTable.rows.count == 24)
        #expect(fromFile.closedStatuses.letters == ["B", "E", "M"])
        #expect(fromFile.exemptSticker == ExemptStickerRules(excludedVehicleTypes: ["K39", "K49"], carAges: [2, 4, 8],
                                                             motorcycleAges: [2, 4]))
        let templates = try SettingsTable(path: "", values: values).stringMap("templates")
        for key in NoticeType.allCases.flatMap(\.allTemplateKeys) {
            #expect(templates[key] != nil, "\(key) missing from default.toml")
            #expect(templates[key] == NoticeTemplates.defaults[key], "\(key) differs")
        }
        #expect(Set(templates.keys) == Set(NoticeTemplates.defaults.keys))
    }

    @Test("no [vehicles] section: the code defaults (90, 30, no pilot regions, E M B, vans excluded, 24 rows)")
    func noSection() throws {
        let s = try settings("")
        #expect(s.scrapNoticeDays == 90)
        #expect(s.inspectionNoticeDays == 30)
        #expect(s.ecertPilotRegions.isEmpty)
        #expect(s.closedStatuses == .defaults)
        #expect(s.exemptSticker == .defaults)
        #expect(s.scrapTable.rows.first == ScrapTable.Row(useNatures: ["R"], vehicleTypes: [], years: 10))
        #expect(s.scrapTable.rows.last == ScrapTable.Row(useNatures: [], vehicleTypes: ["M"], years: 13))
    }

    @Test("[[vehicles.scrap_life]] rows become the table, in order")
    func arrayOfTables() throws {
        let s = try settings("""
            [vehicles]
            scrap_notice_days = 60
            [[vehicles.scrap_life]]
            use_natures = ["a"]
            vehicle_types = ["K3"]
            years = 25
            [[vehicles.scrap_life]]
            years = 30
            """)
        #expect(s.scrapNoticeDays == 60)
        #expect(s.scrapTable == ScrapTable(rows: [.init(useNatures: ["A"], vehicleTypes: ["K3"], years: 25),
                                                  .init(useNatures: [], vehicleTypes: [], years: 30)]))
    }

    @Test("an empty scrap_life list means no age limit for anyone")
    func emptyTable() throws {
        #expect(try settings("[vehicles]\nscrap_life = []").scrapTable.rows.isEmpty)
    }

    @Test("--set vehicles.ecert_pilot_regions=4401,3101, with and without the section in the file")
    func setPilotRegions() throws {
        #expect(try settings("", overrides: ["vehicles.ecert_pilot_regions=4401,3101"]).ecertPilotRegions == ["4401", "3101"])
        #expect(try settings("[vehicles]\necert_pilot_regions = []", overrides: ["vehicles.ecert_pilot_regions=4401, 3101"])
            .ecertPilotRegions == ["4401", "3101"])
        #expect(try settings("", overrides: ["vehicles.inspection_notice_days=45"]).inspectionNoticeDays == 45)
    }

    @Test("closed_statuses and [vehicles.exempt_sticker] from the file and from --set")
    func statusesAndSticker() throws {
        let file = try settings("""
            [vehicles]
            closed_statuses = ["e", "M"]
            [vehicles.exempt_sticker]
            car_ages = [2, 4]
            """)
        #expect(file.closedStatuses.letters == ["E", "M"])
        // A key left out keeps its default.
        #expect(file.exemptSticker == ExemptStickerRules(excludedVehicleTypes: ["K39", "K49"], carAges: [2, 4],
                                                         motorcycleAges: [2, 4]))
        let set = try settings("", overrides: ["vehicles.closed_statuses=E,M,B,P",
                                               "vehicles.exempt_sticker.motorcycle_ages=2,4,6",
                                               "vehicles.exempt_sticker.excluded_vehicle_types=k39"])
        #expect(set.closedStatuses.letters == ["B", "E", "M", "P"])
        #expect(set.exemptSticker.motorcycleAges == [2, 4, 6])
        #expect(set.exemptSticker.excludedVehicleTypes == ["K39"])
        #expect(try settings("[vehicles.exempt_sticker]\nexcluded_vehicle_types = []").exemptSticker.excludedVehicleTypes.isEmpty)
    }

    @Test("years = 0 is accepted: no age limit")
    func zeroYears() throws {
        let s = try settings("[[vehicles.scrap_life]]\nvehicle_types = [\"K16\"]\nyears = 0")
        #expect(s.scrapTable.serviceLife(vehicleType: "K16", useNature: "A") == nil)
    }

    static let badFiles: [(String, String)] = [
        ("[vehicles]\nclosed_statuses = [\"EM\"]", "vehicles.closed_statuses"),
        ("[vehicles]\nclosed_statuses = [\"转出\"]", "vehicles.closed_statuses"),
        ("[vehicles.exempt_sticker]\ncar_ages = [\"two\"]", "vehicles.exempt_sticker.car_ages"),
        ("[vehicles.exempt_sticker]\ncar_ages = [0]", "vehicles.exempt_sticker.car_ages"),
        ("[vehicles.exempt_sticker]\nmotorcycle_ages = 2", "vehicles.exempt_sticker.motorcycle_ages"),
        ("[vehicles.exempt_sticker]\nexcluded_vehicle_types = [\"K-39\"]", "vehicles.exempt_sticker.excluded_vehicle_types"),
        ("[vehicles]\nexempt_sticker = 1", "vehicles.exempt_sticker"),
        ("[[vehicles.scrap_life]]\nvehicle_types = [\"K1\"]\nyears = -1", "vehicles.scrap_life[1].years"),
        ("[vehicles]\necert_pilot_regions = [\"440106\"]", "vehicles.ecert_pilot_regions"),
        ("[vehicles]\nscrap_notice_days = -1", "vehicles.scrap_notice_days"),
        ("[[vehicles.scrap_life]]\nuse_natures = [\"Z\"]\nyears = 10", "vehicles.scrap_life[1].use_natures"),
        ("[[vehicles.scrap_life]]\nyears = 10\n[[vehicles.scrap_life]]\nuse_nature = [\"A\"]\nyears = 10", "vehicles.scrap_life[2].use_nature"),
        ("[[vehicles.scrap_life]]\nuse_natures = [\"A\"]", "vehicles.scrap_life[1].years"),
        ("[[vehicles.scrap_life]]\nvehicle_types = [\"K-3\"]\nyears = 10", "vehicles.scrap_life[1].vehicle_types"),
        ("[vehicles]\nscrap_life = 3", "vehicles.scrap_life"),
    ]

    @Test("a bad [vehicles] setting is a pipeline-file error naming the key", arguments: badFiles)
    func badSettings(_ c: (String, String)) {
        do {
            _ = try settings(c.0)
            Issue.record("accepted \(c.0)")
        } catch let error as SettingsError {
            #expect(error.message.hasPrefix(c.1), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a bad [vehicles] section stops the run with exit 78 before any input is read")
    func exit78() throws {
        let input = RunHarness.inputFolder([:])
        let (outcome, _) = try RunHarness.run(input: input, overrides: ["vehicles.ecert_pilot_regions=44"])
        #expect(outcome.exitCode == .config)
    }
}
