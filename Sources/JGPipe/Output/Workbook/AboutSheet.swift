/// The 说明 sheet (SPEC §6): the run's dates and version, the detachment, its counts per sheet,
/// rule and notice type, and what each other sheet holds.
enum AboutSheet {
    static let name = "说明"
    static let columns = [WorkbookColumn("项目"), WorkbookColumn("内容"), WorkbookColumn("日期", .date),
                          WorkbookColumn("数量", .number)]

    struct SheetSummary {
        let sheet: String
        let about: String
        let rows: Int
        let countedBy: String?
        let counts: [String: Int]
    }

    /// Rows of (项目, 内容, 日期, 数量).
    static func rows(code: String, name: String, context: RunContext, sheets: [SheetSummary]) -> [[String]] {
        let settings = context.settings
        var rows: [[String]] = [
            ["支队代码", code, "", ""],
            ["支队名称", name.isEmpty ? "（未在流水线文件 [detachments] 中命名）" : name, "", ""],
            ["数据日期（as-of，A）", "车辆检验、报废按此日判断", context.asOf.iso, ""],
            ["新措施状态日（E）", "E = max(A, 切换日)：单位账号清理与转换、恢复考试按此日", context.effectiveDate.iso, ""],
            ["切换日期", "新措施施行日（八、五）", settings.cutoverDate.iso, ""],
            ["告知截止日期", "八.一：各支队于此前主动联系告知相关单位", settings.noticeDeadline.iso, ""],
            ["工具版本", "jgpipe " + JGPipeVersion.current, "", ""],
            ["", "", "", ""],
            ["工作表", "所含内容（“数量”列为行数）", "", ""],
        ]
        for sheet in sheets {
            rows.append([sheet.sheet, sheet.about, "", String(sheet.rows)])
        }
        for sheet in sheets where sheet.countedBy != nil && !sheet.counts.isEmpty {
            rows.append(["", "", "", ""])
            rows.append([sheet.sheet + "：按" + (sheet.countedBy ?? ""), "", "", ""])
            for (key, count) in sheet.counts.sorted(by: { $0.key < $1.key }) {
                let label = ReportLabels.noticeTypes[key] ?? ReportLabels.rules[key] ?? ""
                rows.append([key, label, "", String(count)])
            }
        }
        return rows
    }
}
