import Glibc

/// SPEC §6: `by_detachment/<detachment_code>.xlsx`, one workbook per detachment with something to
/// act on, holding its rows only. Every sheet's source CSV is ordered by detachment_code first,
/// so the CSVs are read back side by side and each workbook is written whole, then closed,
/// before the next: memory holds one row per sheet, whatever the run's size.
enum DetachmentWorkbooks {
    static let folder = "by_detachment"

    struct Settings: Sendable {
        var enabled: Bool
        /// Rows per sheet, header included, before a continuation sheet (Excel's maximum).
        var maxRowsPerSheet: Int

        static let excelMaxRows = 1_048_576

        init(_ run: SettingsTable) throws {
            enabled = try run.bool("detachment_workbooks", default: true)
            maxRowsPerSheet = try run.int("workbook_max_rows", default: Self.excelMaxRows, range: 2...Self.excelMaxRows)
        }
    }

    /// Writes the workbooks from the staged CSVs; returns the detachment codes written.
    @discardableResult
    static func write(_ context: RunContext, settings: Settings) throws -> [String] {
        guard settings.enabled else { return [] }
        let staging = context.stagingDirectory
        var sources: [SheetSource] = []
        for sheet in WorkbookSheet.all {
            guard let rows = try CSVRowSource(path: staging + "/" + sheet.source) else { continue }
            guard let codeColumn = rows.header.firstIndex(of: "detachment_code") else {
                throw OutputFileError(file: rows.path, message: "has no detachment_code column for the workbooks")
            }
            sources.append(SheetSource(sheet: sheet, rows: rows, codeColumn: codeColumn))
        }
        guard !sources.isEmpty else { return [] }
        let rejected = try RejectedRowsByDetachment.collect(context)
        let directory = staging + "/" + folder
        guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
            throw OutputFileError(file: directory, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        var written: [String] = []
        while let code = try sources.compactMap({ try $0.nextCode() }).min() {
            guard written.last.map({ $0 < code }) ?? true else {
                throw OutputFileError(file: directory, message: "the outputs are not ordered by detachment_code (\(code) again)")
            }
            try writeWorkbook(code, sources, rejected[code] ?? [], directory: directory, context: context, settings: settings)
            written.append(code)
        }
        return written
    }

    private static func writeWorkbook(_ code: String, _ sources: [SheetSource], _ rejected: [[String]], directory: String,
                                      context: RunContext, settings: Settings) throws {
        let name = context.settings.detachments.name(of: code)
        let workbook = try XlsxWorkbook(path: "\(directory)/\(code).xlsx", created: context.asOf,
                                        title: "\(context.settings.detachments.label(of: code)) 交管便民利企新措施工作清单",
                                        temporaryFolder: directory)
        // 说明 is the first tab but written last, when the other sheets' counts are known.
        // A few dozen rows: never continued, whatever the row limit.
        let about = try SheetWriter(workbook, name: AboutSheet.name, columns: AboutSheet.columns, maxRows: Settings.excelMaxRows)
        var summaries: [AboutSheet.SheetSummary] = []
        let codeBytes = Array(code.utf8)
        for source in sources {
            let columns = source.rows.header.map(WorkbookColumns.column)
            let sheet = try SheetWriter(workbook, name: source.sheet.name, columns: columns, maxRows: settings.maxRowsPerSheet)
            let countedColumn = source.sheet.countedBy.flatMap { source.rows.header.firstIndex(of: $0.column) }
            var counts: [String: Int] = [:]
            while try source.rows.withNextRow(if: { $0[source.codeColumn].elementsEqual(codeBytes) }, { row in
                try sheet.appendRow { c in c < row.fieldCount ? row[c] : UnsafeBufferPointer(start: nil, count: 0) }
                if let countedColumn, countedColumn < row.fieldCount {
                    counts[String(decoding: row[countedColumn], as: UTF8.self), default: 0] += 1
                }
            }) {}
            try sheet.finish()
            summaries.append(.init(sheet: source.sheet.name, about: source.sheet.about, rows: sheet.rowCount,
                                   countedBy: source.sheet.countedBy?.label, counts: counts))
        }
        let rejectedSheet = try SheetWriter(workbook, name: RejectedRowsSheet.name, columns: RejectedRowsSheet.columns,
                                            maxRows: settings.maxRowsPerSheet)
        for row in rejected { try rejectedSheet.appendRow(row) }
        try rejectedSheet.finish()
        summaries.append(.init(sheet: RejectedRowsSheet.name, about: RejectedRowsSheet.about, rows: rejectedSheet.rowCount,
                               countedBy: nil, counts: [:]))
        for row in AboutSheet.rows(code: code, name: name, context: context, sheets: summaries) { try about.appendRow(row) }
        try about.finish()
        try workbook.close()
    }

    /// A sheet's source CSV and where its detachment code is.
    private struct SheetSource {
        let sheet: WorkbookSheet
        let rows: CSVRowSource
        let codeColumn: Int

        func nextCode() throws -> String? {
            try rows.peekRow { $0.fieldCount > codeColumn ? String(decoding: $0[codeColumn], as: UTF8.self) : "" }
        }
    }
}
