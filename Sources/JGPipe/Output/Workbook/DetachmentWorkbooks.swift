import Foundation
import Glibc

/// SPEC §6: `by_detachment/<detachment_code>.xlsx`, one workbook per detachment with something to
/// act on, holding its rows only. Every sheet's source CSV is ordered by detachment_code first:
/// one pass over each finds where each detachment's rows are (`DetachmentRanges`), then the
/// workbooks are written on every core at once, each from its own rows of the CSVs, read a few
/// at a time. Memory holds a chunk of each CSV per workbook being written, whatever the run's size;
/// each file's bytes depend only on its rows, not on the thread or the order.
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

    /// Writes the workbooks from the staged CSVs; returns the detachment codes written, in order.
    @discardableResult
    static func write(_ context: RunContext, settings: Settings) throws -> [String] {
        guard settings.enabled else { return [] }
        let staging = context.stagingDirectory
        let sources = try WorkbookSheet.all.compactMap { sheet in
            try DetachmentRanges(path: staging + "/" + sheet.source, encoding: context.settings.outputEncoding).map {
                SheetSource(sheet: sheet, ranges: $0, byCode: Dictionary(uniqueKeysWithValues: $0.codes))
            }
        }
        let codes = Set(sources.flatMap { $0.ranges.codes.map(\.code) })
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard !codes.isEmpty else { return [] }
        let rejected = try RejectedRowsByDetachment.collect(context)
        let directory = staging + "/" + folder
        guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
            throw OutputFileError(file: directory, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        // The workers only read the context: its settings, dates and digests (which take a lock).
        try inParallel(codes.count) { k in
            let path = "\(directory)/\(codes[k]).xlsx"
            try writeWorkbook(codes[k], path: path, sources, rejected[codes[k]] ?? [], directory: directory,
                              context: context, settings: settings)
            // Hashed here, on the worker's core, so the manifest need not read it again.
            let digest = try SHA256.file(path)
            context.staging.digests.record(FileDigest(bytes: digest.bytes, hex: digest.hex), for: path)
        }
        return codes
    }

    private static func writeWorkbook(_ code: String, path: String, _ sources: [SheetSource], _ rejected: [[String]],
                                      directory: String, context: RunContext, settings: Settings) throws {
        let name = context.settings.detachments.name(of: code)
        let workbook = try XlsxWorkbook(path: path, created: context.asOf,
                                        title: "\(context.settings.detachments.label(of: code)) 交管便民利企新措施工作清单",
                                        temporaryFolder: directory)
        // 说明 is the first tab but written last, when the other sheets' counts are known.
        // A few dozen rows: never continued, whatever the row limit.
        let about = try SheetWriter(workbook, name: AboutSheet.name, columns: AboutSheet.columns, maxRows: Settings.excelMaxRows)
        var summaries: [AboutSheet.SheetSummary] = []
        for source in sources {
            let header = source.ranges.header
            let columns = header.map(source.sheet.column)
            let sheet = try SheetWriter(workbook, name: source.sheet.name, columns: columns, maxRows: settings.maxRowsPerSheet)
            let countedColumn = source.sheet.countedBy.flatMap { header.firstIndex(of: $0.column) }
            var counts: [String: Int] = [:]
            let rows = try source.byCode[code].map {
                try CSVRowSource(path: source.ranges.path, bytes: $0, header: header, encoding: source.ranges.encoding)
            }
            while let rows, try rows.withNextRow({ row in
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

    /// A sheet's source CSV and where each detachment's rows are in it.
    private struct SheetSource {
        let sheet: WorkbookSheet
        let ranges: DetachmentRanges
        let byCode: [String: Range<Int>]
    }
}
