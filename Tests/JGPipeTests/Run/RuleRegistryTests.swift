import Foundation
import Testing
@testable import JGPipe

/// Issue #12 step 1: every rule ID has its file, its test suite, its Chinese label and its docs
/// entry; every notice type its templates, label and README row.
@Suite struct RuleRegistryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Every file under `folder` (relative to the repository), as relative paths.
    static func files(under folder: String) -> [String] {
        let base = root + "/" + folder
        return (FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []).map { folder + "/" + $0 }
    }

    static let ruleFiles = files(under: "Sources/JGPipe/Rules")
    static let testFiles = files(under: "Tests/JGPipeTests")
    static let docs = files(under: "docs/rules").filter { $0.hasSuffix(".md") }
        .compactMap { try? String(contentsOfFile: root + "/" + $0, encoding: .utf8) }.joined(separator: "\n")

    @Test(arguments: RuleID.allCases)
    func ruleHasFileSuiteLabelAndDocs(rule: RuleID) throws {
        let id = rule.rawValue
        #expect(rule.label.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(id) label is not Chinese")
        // Licence classes (C6, C1/C2) are names; any other digit would be a cap or a date.
        let withoutClasses = rule.label.replacingOccurrences(of: "[A-Z][0-9]", with: "", options: .regularExpression)
        #expect(!withoutClasses.contains { $0.isASCII && $0.isNumber }, "\(id) label holds a number: caps and dates come from the settings")
        #expect(rule.section.first.map { "一二三四五六七八".contains($0) } == true, "\(id) section \(rule.section)")
        #expect(ReportLabels.label(id) == rule.label)
        #expect(Self.ruleFiles.contains { ($0 as NSString).lastPathComponent.hasPrefix(id) && $0.hasSuffix(".swift") },
                "no Rules/**/\(id)*.swift")
        let suite = try #require(Self.testFiles.first {
            let name = ($0 as NSString).lastPathComponent
            return name.hasPrefix(id) && name.hasSuffix("Tests.swift")
        }, "no \(id)*Tests.swift")
        let text = try String(contentsOfFile: Self.root + "/" + suite, encoding: .utf8)
        #expect(text.contains("struct \(id)"), "\(suite) holds no \(id)…Tests suite")
        #expect(Self.docs.contains("| \(id) |") || Self.docs.contains("**\(id)**"), "no docs/rules entry for \(id)")
    }

    @Test(arguments: NoticeType.allCases)
    func noticeTypeHasTemplatesLabelAndReadmeRow(type: NoticeType) throws {
        for key in type.allTemplateKeys {
            #expect(NoticeTemplates.defaults[key] != nil, "no template \(key)")
        }
        #expect(ReportLabels.label(type.rawValue) == type.label)
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        #expect(readme.contains("| `\(type.rawValue)` |") || readme.contains("`\(type.rawValue)` /") || readme.contains("/ `\(type.rawValue)` |"),
                "README's notice table has no \(type.rawValue)")
        #expect(!type.rules.isEmpty)
    }

    /// Every notice type belongs to one stage's list, in the summaries.
    @Test func everyNoticeTypeIsInOneStageList() {
        let lists = [[NoticeType.unitAccountsCleanup, .unitAccountsDisabled, .unitNoLegalPerson], ExamNoticeDecision.types,
                     NoticeType.vehicleTypes, NoticeType.licenceTypes, NoticeType.violationTypes]
        #expect(lists.flatMap { $0 }.sorted() == NoticeType.allCases.sorted())
    }

    /// Issue #29: the contract is in the repository (docs/SPEC.md) and nothing sends its reader to
    /// a file outside it; every rule ID is in the contract.
    @Test func theContractIsInTheRepository() throws {
        let spec = try String(contentsOfFile: Self.root + "/docs/SPEC.md", encoding: .utf8)
        for rule in RuleID.allCases {
            #expect(spec.contains("**\(rule.rawValue)**"), "docs/SPEC.md has no \(rule.rawValue)")
        }
        let texts = ["README.md"] + Self.files(under: "docs") + Self.files(under: "Sources") + Self.files(under: "scripts")
            + Self.testFiles + Self.files(under: "pipelines") + Self.files(under: "samples")
        for file in texts where [".md", ".swift", ".sh", ".py", ".toml", ".c", ".h"].contains(where: file.hasSuffix) {
            let text = (try? String(contentsOfFile: Self.root + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains("../" + "shared/"), "\(file) names a file outside the repository")
        }
    }
}
