/// `report.html`: the run's summary for a person, one self-contained file (inline CSS and SVG,
/// no scripts, no network). Drawn from the same `JSONValue` as `summary.json` plus the rejected
/// rows' digest; a summary section it does not know is drawn generically, so a new stage's
/// section appears without changes here. Holds no clock time: the same run gives the same bytes.
public enum RunReport {
    static let headerKeys: Set<String> = ["tool_version", "as_of", "cutover_date", "effective_date", "datasets", "notifications"]

    public static func html(summary: JSONValue, rejections: [RejectionDigest],
                            detachments: Detachments = Detachments.unnamed) -> String {
        var page = HTMLPage()
        page.detachments = detachments
        let asOf = summary["as_of"]?.stringValue ?? ""
        page.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<title>jgpipe 运行报告 \(escape(asOf))</title>\n<style>\(css)</style>\n</head>\n<body>\n")
        page.raw("<header><h1>jgpipe 运行报告 <span class=\"en\">run report</span></h1>\n")
        page.raw("<dl class=\"meta\">")
        for (key, label) in [("as_of", "运行日期 A as-of（V2–V4 据此判定）"), ("effective_date", "生效状态日 E（§1、§2、V5）"), ("cutover_date", "新措施实施日 cutover"),
                             ("tool_version", "版本 version")] {
            page.raw("<div><dt>\(label)</dt><dd>\(escape(summary[key]?.stringValue ?? "—"))</dd></div>")
        }
        page.raw("</dl></header>\n<main>\n")

        let datasets = summary["datasets"]?.pairs ?? []
        let notifications = summary["notifications"]
        overview(&page, datasets: datasets, notifications: notifications)
        conservation(&page, datasets: datasets)
        for (name, value) in summary.pairs where !headerKeys.contains(name) {
            page.raw("<section id=\"\(escape(name))\">\n<h2>\(heading(name))</h2>\n")
            generic(&page, value, depth: 0)
            page.raw("</section>\n")
        }
        if let notifications { notificationSection(&page, notifications) }
        rejectionSection(&page, rejections)
        page.raw("</main>\n<footer>由 jgpipe \(escape(summary["tool_version"]?.stringValue ?? "")) 生成；数据与 summary.json 相同。运行时间见 manifest.json。</footer>\n</body>\n</html>\n")
        return page.text
    }

    // MARK: - Sections

    private static func overview(_ page: inout HTMLPage, datasets: [(String, JSONValue)], notifications: JSONValue?) {
        let read = datasets.reduce(0) { $0 + ($1.1["input_records"]?.intValue ?? 0) }
        let rejected = datasets.reduce(0) { $0 + ($1.1["rejected"]?.intValue ?? 0) }
        var cards: [(String, String, Int, String)] = [
            ("读入记录", "records read", read, ""),
            ("拒绝记录", "rejected", rejected, rejected > 0 ? "warn" : ""),
        ]
        if let notifications {
            cards.append(("本次通知", "notices written", notifications["written"]?.intValue ?? notifications["total"]?.intValue ?? 0, "good"))
            cards.append(("已发布过（未重复）", "already published", notifications["suppressed_already_published"]?.intValue ?? 0, ""))
            cards.append(("无手机号", "no phone", notifications["unreachable_no_phone"]?.intValue ?? 0,
                          (notifications["unreachable_no_phone"]?.intValue ?? 0) > 0 ? "warn" : ""))
        }
        page.raw("<section class=\"cards\">\n")
        for (zh, en, value, tone) in cards {
            page.raw("<div class=\"card \(tone)\"><div class=\"value\">\(grouped(value))</div><div class=\"label\">\(zh)<br><span class=\"en\">\(en)</span></div></div>\n")
        }
        page.raw("</section>\n")
    }

    private static func conservation(_ page: inout HTMLPage, datasets: [(String, JSONValue)]) {
        guard !datasets.isEmpty else { return }
        page.raw("<section id=\"conservation\">\n<h2>数据守恒 <span class=\"en\">conservation: input = cleaned + rejected + collapsed duplicates</span></h2>\n")
        page.raw("<table class=\"data\"><thead><tr><th>数据集 dataset</th><th class=\"num\">输入 input</th><th class=\"num\">有效 cleaned</th><th class=\"num\">拒绝 rejected</th><th class=\"num\">合并重复 collapsed</th><th class=\"num\">拒绝率 share</th><th>守恒</th><th class=\"bar\">构成 composition</th></tr></thead><tbody>\n")
        for (name, counts) in datasets {
            let input = counts["input_records"]?.intValue ?? 0
            let cleaned = counts["cleaned"]?.intValue ?? 0
            let rejected = counts["rejected"]?.intValue ?? 0
            let collapsed = counts["collapsed_duplicates"]?.intValue ?? 0
            let conserved = counts["conserved"] == .bool(true)
            page.raw("<tr><th>\(heading(name))</th><td class=\"num\">\(grouped(input))</td><td class=\"num\">\(grouped(cleaned))</td><td class=\"num\">\(grouped(rejected))</td><td class=\"num\">\(grouped(collapsed))</td>")
            page.raw("<td class=\"num\">\(percent(rejected, of: input))</td>")
            page.raw(conserved ? "<td class=\"ok\">✓ 守恒</td>" : "<td class=\"bad\">✗ 不守恒</td>")
            page.raw("<td class=\"bar\">\(stackedBar([(cleaned, "seg-clean"), (rejected, "seg-reject"), (collapsed, "seg-dup")], total: input))</td></tr>\n")
        }
        page.raw("</tbody></table>\n<p class=\"legend\"><span class=\"swatch seg-clean\"></span>有效 cleaned <span class=\"swatch seg-reject\"></span>拒绝 rejected <span class=\"swatch seg-dup\"></span>合并重复 collapsed</p>\n</section>\n")
    }

    private static func notificationSection(_ page: inout HTMLPage, _ notifications: JSONValue) {
        page.raw("<section id=\"notifications\">\n<h2>通知 <span class=\"en\">notifications</span></h2>\n")
        let scalars = notifications.pairs.filter { $0.1.intValue != nil }
        keyValueTable(&page, scalars)
        for (key, title) in [("by_type", "按通知类型 by notice type"), ("by_detachment", "按支队 by detachment")] {
            guard let counts = notifications[key], !counts.pairs.isEmpty else { continue }
            page.raw("<h3>\(title)</h3>\n")
            barTable(&page, counts.pairs.map { ($0.0, $0.1.intValue ?? 0) }, names: key == "by_detachment" ? page.detachments : nil)
        }
        let rest = notifications.pairs.filter { $0.1.intValue == nil && $0.0 != "by_type" && $0.0 != "by_detachment" }
        for (key, value) in rest {
            page.raw("<h3>\(heading(key))</h3>\n")
            generic(&page, value, depth: 1)
        }
        page.raw("</section>\n")
    }

    private static func rejectionSection(_ page: inout HTMLPage, _ rejections: [RejectionDigest]) {
        page.raw("<section id=\"rejections\">\n<h2>拒绝原因 <span class=\"en\">rejected rows: top reasons with sample lines</span></h2>\n")
        let withRows = rejections.filter { !$0.counts.isEmpty }
        if withRows.isEmpty {
            page.raw("<p class=\"empty\">没有被拒绝的记录。 No row was rejected.</p>\n</section>\n")
            return
        }
        for digest in withRows {
            page.raw("<h3>\(escape(ReportLabels.label(digest.dataset) ?? "")) <span class=\"en\">\(escape(digest.dataset)).rejected.csv</span></h3>\n")
            let codes = digest.codesByCount
            barTable(&page, codes.map { ($0.code.rawValue, $0.count) }, tone: "reject")
            let shownColumns = min(digest.header.count, 6)
            for (code, count) in codes.prefix(5) {
                page.raw("<details open><summary><code>\(code.rawValue)</code> \(escape(ReportLabels.errorCodes[code.rawValue] ?? "")) — \(grouped(count)) 行</summary>\n")
                page.raw("<table class=\"data samples\"><thead><tr><th class=\"num\">行 line</th><th>原因 error</th>")
                for column in digest.header.prefix(shownColumns) { page.raw("<th>\(escape(column))</th>") }
                page.raw("</tr></thead><tbody>\n")
                for row in digest.samples[code] ?? [] {
                    page.raw("<tr><td class=\"num\">\(row.line)</td><td>\(escape(row.message))</td>")
                    for i in 0..<shownColumns { page.raw("<td>\(escape(clipped(i < row.fields.count ? row.fields[i] : "")))</td>") }
                    page.raw("</tr>\n")
                }
                page.raw("</tbody></table></details>\n")
            }
        }
        page.raw("</section>\n")
    }

    // MARK: - Generic drawing of any summary value

    /// Numbers become a key/value table, a flat object of numbers a bar chart, an object of
    /// such objects (per detachment, per rule) a matrix, lists a list; deeper objects recurse.
    private static func generic(_ page: inout HTMLPage, _ value: JSONValue, depth: Int) {
        switch value {
        case let .object(pairs):
            let scalars = pairs.filter { $0.1.isScalar }
            keyValueTable(&page, scalars)
            for (key, child) in pairs where !child.isScalar {
                page.raw("<h\(min(depth + 3, 6))>\(heading(key))</h\(min(depth + 3, 6))>\n")
                if child.isFlatCounts {
                    barTable(&page, child.pairs.map { ($0.0, $0.1.intValue ?? 0) })
                } else if child.isMatrix {
                    matrix(&page, child)
                } else {
                    generic(&page, child, depth: depth + 1)
                }
            }
        case let .array(items):
            if items.isEmpty {
                page.raw("<p class=\"empty\">（无 none）</p>\n")
            } else if items.allSatisfy(\.isScalar) {
                let shown = items.prefix(50)
                page.raw("<p class=\"list\">" + shown.map { "<code>\(escape($0.scalarText))</code>" }.joined(separator: " "))
                if items.count > shown.count { page.raw(" … 共 \(grouped(items.count)) 项 (\(items.count) in all)") }
                page.raw("</p>\n")
            } else {
                for item in items { generic(&page, item, depth: depth + 1) }
            }
        default:
            page.raw("<p>\(escape(value.scalarText))</p>\n")
        }
    }

    private static func keyValueTable(_ page: inout HTMLPage, _ pairs: [(String, JSONValue)]) {
        guard !pairs.isEmpty else { return }
        page.raw("<table class=\"kv\"><tbody>\n")
        for (key, value) in pairs {
            let text = value.intValue.map(grouped) ?? value.scalarText
            page.raw("<tr><th>\(keyLabel(key))</th><td class=\"num\">\(escape(text))</td></tr>\n")
        }
        page.raw("</tbody></table>\n")
    }

    /// One row per key: label, count, and an inline-SVG bar scaled to the largest count.
    private static func barTable(_ page: inout HTMLPage, _ rows: [(String, Int)], tone: String = "", names: Detachments? = nil) {
        let largest = max(rows.map(\.1).max() ?? 0, 1)
        page.raw("<table class=\"bars \(tone)\"><tbody>\n")
        for (key, count) in rows {
            let width = Double(count) / Double(largest) * 100
            let label = names.map { names in
                let name = names.name(of: key)
                return "<code>\(escape(key))</code>" + (name.isEmpty ? "" : " <span class=\"zh\">\(escape(name))</span>")
            } ?? keyLabel(key)
            page.raw("<tr><th>\(label)</th><td class=\"num\">\(grouped(count))</td><td class=\"bar\"><svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(count)\"><rect width=\"\(fixed(width))\" height=\"10\"/></svg></td></tr>\n")
        }
        page.raw("</tbody></table>\n")
    }

    /// Columns of one per-detachment table: more are drawn as further tables below, each with
    /// the detachment column, so nothing is cut off at 1280 px.
    static let matrixColumnsPerTable = 12

    /// An object of objects of numbers: rows are the outer keys (detachments, with their names),
    /// columns the union of inner keys — totals first (`ReportLabels.columnOrder`), the rest by
    /// name — and a 合计 row summing each column.
    private static func matrix(_ page: inout HTMLPage, _ value: JSONValue) {
        var columns: [String] = []
        for (_, row) in value.pairs {
            for (key, _) in row.pairs where !columns.contains(key) { columns.append(key) }
        }
        let rank = Dictionary(uniqueKeysWithValues: ReportLabels.columnOrder.enumerated().map { ($1, $0) })
        columns.sort { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        for start in stride(from: 0, to: columns.count, by: matrixColumnsPerTable) {
            matrixTable(&page, value, Array(columns[start..<min(start + matrixColumnsPerTable, columns.count)]))
        }
    }

    private static func matrixTable(_ page: inout HTMLPage, _ value: JSONValue, _ columns: [String]) {
        page.raw("<div class=\"scroll\"><table class=\"data matrix\"><thead><tr><th>支队</th>")
        // Column codes may break after an underscore, so many columns fit the page's width.
        for column in columns {
            page.raw("<th class=\"num\">\(keyLabel(column).replacing("_", with: "_<wbr>").replacing("</code> ", with: "</code><br>"))</th>")
        }
        page.raw("</tr></thead><tbody>\n")
        var totals = [Int](repeating: 0, count: columns.count)
        for (name, row) in value.pairs {
            let detachment = page.detachments.name(of: name)
            page.raw("<tr><th><span class=\"id\">\(escape(name))</span>\(detachment.isEmpty ? "" : "<br>" + escape(detachment))</th>")
            for (c, column) in columns.enumerated() {
                let cell = row[column]
                totals[c] += cell?.intValue ?? 0
                page.raw("<td class=\"num\">\(cell.map { $0.intValue.map(grouped) ?? escape($0.scalarText) } ?? "")</td>")
            }
            page.raw("</tr>\n")
        }
        page.raw("<tr class=\"total\"><th>合计</th>")
        for total in totals { page.raw("<td class=\"num\">\(grouped(total))</td>") }
        page.raw("</tr>\n</tbody></table></div>\n")
    }

    private static func stackedBar(_ parts: [(Int, String)], total: Int) -> String {
        guard total > 0 else { return "" }
        var x = 0.0
        var svg = "<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\">"
        for (count, tone) in parts where count > 0 {
            let width = Double(count) / Double(total) * 100
            svg += "<rect class=\"\(tone)\" x=\"\(fixed(x))\" width=\"\(fixed(width))\" height=\"10\"/>"
            x += width
        }
        return svg + "</svg>"
    }

    // MARK: - Text

    /// A key with its Chinese label beside it, e.g. `R1` 每人每单位一个账号.
    private static func keyLabel(_ key: String) -> String {
        guard let label = ReportLabels.label(key) else { return "<code>\(escape(key))</code>" }
        return "<code>\(escape(key))</code> <span class=\"zh\">\(escape(label))</span>"
    }

    private static func heading(_ key: String) -> String {
        guard let label = ReportLabels.label(key) else { return escape(key) }
        return "\(escape(label)) <span class=\"en\">\(escape(key))</span>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    private static func clipped(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(39)) + "…" : text
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    private static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        return fixed(Double(part) / Double(whole) * 100) + "%"
    }

    /// One decimal, rounded, without locale or float-printing surprises.
    static func fixed(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static let css = """
    :root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--accent:#2f6fb3;--good:#2f855a;--bad:#c53030;--dup:#a0aec0}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
    header{background:#243b53;color:#fff;padding:20px 32px}
    h1{margin:0 0 8px;font-size:24px}
    h2{font-size:18px;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
    h3,h4,h5,h6{font-size:15px;margin:18px 0 8px}
    .en{color:var(--muted);font-weight:normal;font-size:.85em}
    header .en{color:#bcccdc}
    .meta{display:flex;flex-wrap:wrap;gap:8px 32px;margin:0}
    .meta dt{font-size:12px;color:#bcccdc}.meta dd{margin:0;font-size:16px;font-weight:600}
    main{max-width:1240px;margin:0 auto;padding:20px 24px}
    section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:16px 20px;margin-bottom:18px}
    section.cards{display:flex;flex-wrap:wrap;gap:12px;background:none;border:none;padding:0}
    .card{flex:1 1 160px;background:#fff;border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:6px;padding:12px 16px}
    .card.warn{border-left-color:var(--bad)}.card.good{border-left-color:var(--good)}
    .card .value{font-size:26px;font-weight:700}.card .label{color:var(--muted);font-size:13px}
    table{border-collapse:collapse;margin:4px 0 8px}
    th,td{padding:4px 10px;text-align:left;vertical-align:top;border-bottom:1px solid #eef2f7}
    thead th{background:#f0f4f8;font-weight:600;font-size:13px}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    table.data{width:100%}
    td.bar,th.bar{width:34%;min-width:160px;vertical-align:middle}
    td.bar svg{width:100%;height:14px;display:block;background:#f0f4f8}
    table.bars{width:100%}table.bars th{width:45%;font-weight:normal}
    table.bars rect{fill:var(--accent)}table.bars.reject rect{fill:var(--bad)}
    rect.seg-clean,.swatch.seg-clean{fill:var(--good);background:var(--good)}
    rect.seg-reject,.swatch.seg-reject{fill:var(--bad);background:var(--bad)}
    rect.seg-dup,.swatch.seg-dup{fill:var(--dup);background:var(--dup)}
    .swatch{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}
    .legend{color:var(--muted);font-size:12px;margin:0}
    table.kv th{font-weight:normal;min-width:260px}
    code{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:12px;background:#f0f4f8;padding:1px 4px;border-radius:3px}
    .zh{color:var(--ink)}
    .ok,.bad{white-space:nowrap}
    .ok{color:var(--good);font-weight:600}.bad{color:var(--bad);font-weight:600}
    .empty{color:var(--muted)}
    .scroll{overflow-x:auto}
    table.matrix th,table.matrix td{font-size:12px;padding:4px 6px}
    table.matrix thead th,table.matrix thead code{white-space:normal}
    table.matrix tbody th{white-space:nowrap}
    details{margin:8px 0}summary{cursor:pointer;font-weight:600}
    table.samples td{font-size:12px}
    .id,code{white-space:nowrap}
    tr.total th,tr.total td{font-weight:700;border-top:2px solid var(--line)}
    footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 24px}
    """
}

/// The page being built; a struct so the renderer stays a set of pure functions.
struct HTMLPage {
    var text = ""
    /// Names shown beside detachment codes (SPEC §0 `[detachments]`).
    var detachments = Detachments.unnamed
    mutating func raw(_ html: String) { text += html }
}

extension JSONValue {
    var pairs: [(String, JSONValue)] { if case let .object(pairs) = self { pairs } else { [] } }
    var intValue: Int? { if case let .int(i) = self { i } else { nil } }
    var stringValue: String? { if case let .string(s) = self { s } else { nil } }

    var isScalar: Bool {
        switch self {
        case .object, .array: false
        default: true
        }
    }

    var scalarText: String {
        switch self {
        case let .string(s): s
        case let .int(i): String(i)
        case let .double(d): String(d)
        case let .bool(b): b ? "是" : "否"
        case .null: "—"
        default: rendered()
        }
    }

    /// A non-empty object whose values are all integers.
    var isFlatCounts: Bool {
        let pairs = pairs
        return !pairs.isEmpty && pairs.allSatisfy { $0.1.intValue != nil }
    }

    /// A non-empty object whose values are all flat objects of scalars.
    var isMatrix: Bool {
        let pairs = pairs
        return !pairs.isEmpty && pairs.allSatisfy { pair in
            if case let .object(inner) = pair.1 { return inner.allSatisfy { $0.1.isScalar } }
            return false
        }
    }
}
