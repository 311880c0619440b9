import Foundation
import Testing
@testable import JGPipe

/// report.html: self-contained, deterministic, drawn from the summary, unknown sections generic.
@Suite struct ReportTests {
    func sampleReport() throws -> String {
        let (outcome, out) = try RunHarness.run(input: sampleInput, overrides: ["run.max_rejected_ratio=0.5"])
        #expect(outcome.exitCode == .ok)
        return try readText(out + "/report.html")
    }

    @Test func isSelfContainedAndShowsRulesWithChineseLabels() throws {
        let html = try sampleReport()
        for forbidden in ["http://", "https://", "<script", "src=", "@import", "url("] {
            #expect(!html.contains(forbidden), "report must not load \(forbidden)")
        }
        #expect(html.contains("<code>R1</code> <span class=\"zh\">每人每单位一个账号</span>"))
        #expect(html.contains("<code>R3</code> <span class=\"zh\">每人不超过3个单位（法人账号除外）</span>"))
        #expect(html.contains("<code>UNIT_ACCOUNTS_CLEANUP</code> <span class=\"zh\">单位账号清理告知</span>"))
        #expect(html.contains("<svg"))
        // Conservation of the samples: units 10 = 8 + 2 + 0 (samples/expectations/utf8/summary.txt).
        #expect(html.contains("<tr><th>单位 <span class=\"en\">units</span></th><td class=\"num\">10</td><td class=\"num\">8</td><td class=\"num\">2</td><td class=\"num\">0</td>"))
        // A rejected row's sample line: line 8 of units.csv has a bad credit-code check character.
        #expect(html.contains("<td class=\"num\">8</td><td>unit_code 校验位应为"))
    }

    @Test func isDeterministic() throws {
        #expect(try sampleReport() == (try sampleReport()))
    }

    /// A later stage's section (here invented) is drawn as tables and bars without code changes.
    @Test func unknownSectionsAreDrawnGenerically() {
        let summary = JSONValue.object([
            ("as_of", .string("2024-06-01")),
            ("datasets", .object([])),
            ("vehicles", .object([
                ("scrap_on_set", .int(1234)),
                ("by_rule", .object([("V2_due_soon", .int(7)), ("NEW_THING", .int(3))])),
                ("by_detachment", .object([("440100", .object([("due", .int(5)), ("overdue", .int(2))]))])),
                ("pilot_regions", .array([.string("4401"), .string("3101")])),
            ])),
        ])
        let html = RunReport.html(summary: summary, rejections: [])
        #expect(html.contains("机动车 <span class=\"en\">vehicles</span>"))
        #expect(html.contains("<code>scrap_on_set</code></th><td class=\"num\">1,234</td>"))
        #expect(html.contains("<code>V2_due_soon</code> <span class=\"zh\">报废提醒</span></th><td class=\"num\">7</td>"))
        // Bars scale to the largest count: 3 of 7 is 42.9 % wide.
        #expect(html.contains("<rect width=\"42.9\""))
        #expect(html.contains("<tr><th><span class=\"id\">440100</span></th><td class=\"num\">5</td><td class=\"num\">2</td></tr>"))
        #expect(html.contains("<code>4401</code> <code>3101</code>"))
    }

    /// Per-detachment tables: names beside codes (SPEC §0), totals first among the columns, and a
    /// 合计 row: accounts 12 + 30 = 42, removed_R1 2 + 0 = 2, removed_R3 0 + 5 = 5.
    @Test func detachmentTablesHaveNamesTotalsFirstAndATotalsRow() throws {
        let summary = JSONValue.object([
            ("unit_accounts", .object([
                ("by_detachment", .object([
                    ("310100", .object([("removed_R3", .int(0)), ("removed_R1", .int(2)), ("accounts", .int(12))])),
                    ("440100", .object([("removed_R3", .int(5)), ("removed_R1", .int(0)), ("accounts", .int(30))])),
                ])),
            ])),
        ])
        let names = try Detachments(overrides: ["440100": "广州市公安局交通警察支队"])
        let html = RunReport.html(summary: summary, rejections: [], detachments: names)
        let header = try #require(html.range(of: "<thead><tr><th>支队</th>"))
        let columns = html[header.upperBound...].prefix(2000)
        let accounts = try #require(columns.range(of: "accounts")), r1 = try #require(columns.range(of: "removed_<wbr>R1"))
        let r3 = try #require(columns.range(of: "removed_<wbr>R3"))
        #expect(accounts.lowerBound < r1.lowerBound && r1.lowerBound < r3.lowerBound)
        #expect(html.contains("<tr><th><span class=\"id\">440100</span><br>广州市公安局交通警察支队</th><td class=\"num\">30</td>"))
        #expect(html.contains("<tr class=\"total\"><th>合计</th><td class=\"num\">42</td><td class=\"num\">2</td><td class=\"num\">5</td></tr>"))
    }

    @Test func inputTextIsEscaped() {
        var digest = RejectionDigest(dataset: "units", header: ["unit_code"])
        digest.add(RejectedRow(line: 2, code: .missingField, message: "x", fields: ["<script>alert(1)</script>"]))
        let html = RunReport.html(summary: .object([]), rejections: [digest])
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func numbersAreFormattedWithoutLocale() {
        #expect(RunReport.grouped(0) == "0")
        #expect(RunReport.grouped(999) == "999")
        #expect(RunReport.grouped(1000) == "1,000")
        #expect(RunReport.grouped(1_234_567) == "1,234,567")
        #expect(RunReport.fixed(42.857) == "42.9")
        #expect(RunReport.fixed(100) == "100.0")
    }
}
