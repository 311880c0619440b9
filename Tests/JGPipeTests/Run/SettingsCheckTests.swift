import Foundation
import Testing
@testable import JGPipe

/// SPEC §5 "Settings are checked" (issue #11 part 2): a key of the pipeline file or of `--set`
/// that no reader asks for is exit 78, with the closest known key.
@Suite struct SettingsCheckTests {
    static let defaultFile = repositoryRoot + "/pipelines/default.toml"
    let input = RunHarness.inputFolder(["units.csv": "unit_code,unit_name,region_code\n"])

    /// The checks of a run before anything is read, over `toml` (after `--set overrides`).
    func prepare(_ toml: String, overrides: [String] = []) throws -> RunError? {
        var values = try PipelineFile.parse(toml, name: "test.toml")
        for override in overrides { try PipelineFile.apply(override: override, to: &values) }
        var settings = try PipelineSettings(values: values)
        settings.fileName = "test.toml"
        settings.overrideKeys = Set(overrides.map(PipelineFile.key(ofOverride:)))
        let request = RunRequest(settings: settings, inputDirectory: input,
                                 outputDirectory: RunHarness.temporaryFolder("jgpipe-settings") + "/out",
                                 asOf: try CalendarDate(parsing: "2024-06-01"))
        do {
            _ = try Pipeline.prepare(request, folder: OutputFolder(target: request.outputDirectory)).0
            return nil
        } catch {
            return error
        }
    }

    @Test func theDefaultFileHoldsOnlyKnownKeys() throws {
        #expect(try prepare(try String(contentsOfFile: Self.defaultFile, encoding: .utf8)) == nil)
    }

    /// The example, word for word.
    @Test func aMisspeltSectionNamesTheKeyItMeant() throws {
        let error = try #require(try prepare("[unit_acounts]\nmax_accounts_per_unit = 12\n"))
        #expect(error.exitCode == .config)
        #expect(error.message == "pipeline file: unit_acounts.max_accounts_per_unit in test.toml is not a setting jgpipe knows: did you mean unit_accounts.max_accounts_per_unit?")
    }

    /// SPEC §4 "Wording": a replacement text naming a placeholder its notice's stage does not
    /// fill (here W2's fine notice, with `fine_due_day` for `fine_due_days`) would reach people
    /// with the braces in it; the file is refused with the names it may use.
    @Test func aTemplatePlaceholderTheNoticeDoesNotFillIs78() throws {
        func refusal(_ text: String) throws -> SettingsError? {
            do {
                _ = try PipelineSettings(values: PipelineFile.parse("[templates]\nFINE_UNPAID = \"\(text)\"\n", name: "test.toml"))
                return nil
            } catch let error as SettingsError {
                return error
            }
        }
        let text = "{handler_name}：{plate_no} 的罚款 {fine} 元请于 {fine_due_day} 日内缴纳"
        let error = try #require(try refusal(text))
        #expect(error.message == "templates.FINE_UNPAID names {fine_due_day}, which this notice does not fill; it may use {due_on}, {fine}, {fine_due_days}, {handler_name}, {late_fee_percent}, {plate_no}, {service_point}, {violation_id}")
        #expect(Pipeline.exitCode(for: error) == .config)
        #expect(try refusal(text.replacingOccurrences(of: "{fine_due_day}", with: "{fine_due_days}")) == nil)
    }

    /// Every leaf key of pipelines/default.toml, once with its section misspelt (a letter
    /// dropped) and once with its own name misspelt (two letters swapped): 78 naming the key
    /// as written and suggesting the real one. Sections without keys in the file (`[aliases.*]`,
    /// `[detachments]`) are covered below.
    @Test func aTypoInAnyKeyOfTheDefaultFileIs78WithTheRealKey() throws {
        let (values, _) = try PipelineFile.load(path: Self.defaultFile)
        var leaves: [(section: String, key: String, value: String)] = []
        for (section, value) in values {
            guard case let .table(table) = value else { continue }
            for (key, leaf) in table {
                switch leaf {
                case let .int(i): leaves.append((section, key, String(i)))
                case let .double(d): leaves.append((section, key, String(d)))
                case let .string(s): leaves.append((section, key, "\"\(s)\""))
                case let .array(items) where items.allSatisfy({ if case .string = $0 { true } else { false } }):
                    leaves.append((section, key, "[" + items.map { if case let .string(s) = $0 { "\"\(s)\"" } else { "" } }.joined(separator: ", ") + "]"))
                default: continue
                }
            }
        }
        #expect(leaves.count >= 25, "run, inputs, unit_accounts, exams, vehicles and templates")
        for (section, key, value) in leaves {
            let real = "\(section).\(key)"
            let badSection = String(section.dropLast())
            let transposed = key.count > 3 ? String(key.prefix(1)) + String(Array(key)[2]) + String(Array(key)[1]) + String(key.dropFirst(3)) : key
            // `feedback_days` swaps two equal letters: its typo is a letter added.
            let swapped = transposed == key ? key + "x" : transposed
            for (written, toml) in [("\(badSection).\(key)", "[\(badSection)]\n\(key) = \(value)\n"),
                                    ("\(section).\(swapped)", "[\(section)]\n\(swapped) = \(value)\n")] {
                let error = try #require(try prepare(toml), "\(written) was accepted")
                #expect(error.exitCode == .config)
                #expect(error.message.contains("\(written) in test.toml is not a setting jgpipe knows: did you mean \(real)?"),
                        "\(error.message)")
            }
        }
    }

    @Test func aMisspeltSetIsNamedAsAnOption() throws {
        let error = try #require(try prepare("", overrides: ["unit_accounts.max_acounts_per_unit=12"]))
        #expect(error.exitCode == .config)
        #expect(error.message.contains("--set unit_accounts.max_acounts_per_unit is not a setting jgpipe knows: did you mean unit_accounts.max_accounts_per_unit?"))
        // A key without its section: the key of that name.
        let bare = try #require(try prepare("", overrides: ["max_units_per_person=5"]))
        #expect(bare.message.contains("--set max_units_per_person is not a setting jgpipe knows: did you mean unit_accounts.max_units_per_person?"))
        // A typo in every section, by --set.
        for (typo, real) in [("run.max_rejected_ration", "run.max_rejected_ratio"), ("inputs.vehicle", "inputs.vehicles"),
                             ("exams.small_car_class", "exams.small_car_classes"),
                             ("vehicles.scrap_notice_day", "vehicles.scrap_notice_days"),
                             ("templates.SCRAP_DUE_SOONER", "templates.SCRAP_DUE_SOON"),
                             ("aliases.units.unit_cod", "aliases.units.unit_code")] {
            let error = try #require(try prepare("", overrides: ["\(typo)=1"]), "\(typo)")
            #expect(error.message.contains("--set \(typo) is not a setting jgpipe knows: did you mean \(real)?"), "\(error.message)")
        }
        // The right key passes.
        #expect(try prepare("", overrides: ["unit_accounts.max_accounts_per_unit=12", "aliases.units.unit_code=社会信用代码"]) == nil)
    }

    /// Nested tables and their free keys: `[aliases.<dataset>]` knows the dataset's columns,
    /// `[inputs]` the datasets, `[templates]` the notice types; `[detachments]` takes any region
    /// prefix (checked as a prefix, not as a name).
    @Test func nestedTablesKnowTheirKeys() throws {
        #expect(try prepare("[aliases.units]\nunit_code = [\"社会信用代码\"]\n[detachments]\n\"4403\" = \"440300\"\n") == nil)
        let column = try #require(try prepare("[aliases.units]\nunit_nmae = [\"名称\"]\n"))
        #expect(column.message.contains("aliases.units.unit_nmae in test.toml is not a setting jgpipe knows: did you mean aliases.units.unit_name?"))
        let dataset = try #require(try prepare("[aliases.unit]\nunit_code = [\"代码\"]\n"))
        #expect(dataset.message.contains("did you mean aliases.units.unit_code?"))
        let template = try #require(try prepare("[templates]\nINSPECTION_DUES = \"…\"\n"))
        #expect(template.message.contains("templates.INSPECTION_DUES in test.toml is not a setting jgpipe knows: did you mean templates.INSPECTION_DUE?"))
    }

    /// Arrays of tables: a scrap-table row is checked row by row (its own reader names the row).
    @Test func aTypoInAScrapLifeRowIs78() throws {
        let error = try #require(try prepare("[[vehicles.scrap_life]]\nuse_natures = [\"A\"]\nyeras = 10\n"))
        #expect(error.exitCode == .config)
        #expect(error.message.contains("vehicles.scrap_life[1].yeras"))
    }

    /// A key near nothing known: named, without a guess; several unknown keys: all of them.
    @Test func everyUnknownKeyIsListed() throws {
        let error = try #require(try prepare("[run]\ncolour = \"red\"\n[vehicles]\nscrap_notice_dayz = 3\n"))
        #expect(error.message == "pipeline file: run.colour in test.toml is not a setting jgpipe knows; vehicles.scrap_notice_dayz in test.toml is not a setting jgpipe knows: did you mean vehicles.scrap_notice_days?")
    }

    /// The mechanism, not a list: a key becomes known by being read, present or absent.
    @Test func aKeyIsKnownOnceAReaderAsksForIt() throws {
        let values = try PipelineFile.parse("[licenses]\nrenewal_notice_days = 90\n")
        let root = SettingsTable(path: "", values: values)
        #expect(root.usage.unknownKeys(in: root).map(\.key) == ["licenses.renewal_notice_days"])
        _ = try root.table("licenses").int("renewal_notice_days", default: 30)
        _ = try root.table("licenses").int("review_notice_days", default: 30)
        #expect(root.usage.unknownKeys(in: root).isEmpty)
        let typo = SettingsTable(path: "", values: try PipelineFile.parse("[licenses]\nreview_notice_dayz = 1\n"), usage: root.usage)
        #expect(root.usage.unknownKeys(in: typo).first?.suggestion == "licenses.review_notice_days")
    }

    /// Levenshtein distances worked by hand: kitten → sitting is 3 (k→s, e→i, +g).
    @Test func editDistance() {
        #expect(SettingsUsage.editDistance("kitten", "sitting") == 3)
        #expect(SettingsUsage.editDistance("", "abc") == 3)
        #expect(SettingsUsage.editDistance("abc", "") == 3)
        #expect(SettingsUsage.editDistance("unit_acounts", "unit_accounts") == 1)
        #expect(SettingsUsage.editDistance("same", "same") == 0)
    }
}
