import Glibc
import Logging
import Synchronization

/// SPEC §6: `by_detachment/<detachment_code>.xlsx`, one workbook per detachment with something to
/// act on, holding its rows only. Every sheet's source CSV is ordered by detachment_code first:
/// one pass over each finds where each detachment's rows are (`DetachmentRanges`), then the
/// workbooks are written on every core at once, each from its own rows of the CSVs, read a few
/// at a time. Memory holds a chunk of each CSV per workbook being written, whatever the run's size;
/// each file's bytes depend only on its rows, not on the thread or the order.
///
/// They are begun (`Writing`) while `notifications.csv` is still being delivered: each writer
/// fills the sheets before 通知 from the stages' CSVs, complete by then, and waits for the
/// notices only when it reaches 通知 (`DeliveredNotices`).
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

    /// The workbooks being written on a thread of their own (which starts one writer per core)
    /// while the caller delivers the notices. The caller then says how the delivery went
    /// (`noticesDelivered` or `stop`), and waits with `finish`; until then nothing is published.
    final class Writing {
        private let notices: DeliveredNotices
        private let job: BackgroundJob<[String]>
        private let noticesPath: String
        private let encoding: OutputEncoding
        private let logger: Logger
        private let started = monotonicSeconds()
        /// The writers' CPU seconds, all threads (for the log: docs/BENCHMARKS.md compares runs by it).
        private let cpuSeconds = CPUSeconds()

        init(_ context: RunContext, settings: Settings) {
            // The files staged so far, taken here: the delivery adds notifications.csv meanwhile.
            let files = context.outputFiles, notices = DeliveredNotices(), cpuSeconds = cpuSeconds
            self.notices = notices
            job = BackgroundJob {
                try DetachmentWorkbooks.write(context, settings: settings, files: files, notices: notices, cpuSeconds: cpuSeconds)
            }
            noticesPath = context.stagingDirectory + "/" + WorkbookSheet.notices.source
            encoding = context.settings.outputEncoding
            logger = context.logger
        }

        /// `notifications.csv` is complete: the writers may fill 通知.
        func noticesDelivered() {
            notices.hand(Result { try DetachmentRanges(path: noticesPath, encoding: encoding) })
        }

        /// The delivery failed: the writers stop, and this returns once they have.
        func stop(after error: any Error) {
            notices.hand(.failure(error))
            _ = try? job.wait()
        }

        /// Waits for the workbooks; the detachment codes written, in order.
        @discardableResult
        func finish() throws -> [String] {
            let codes = try job.wait()
            logger.info("workbooks written", metadata: ["workbooks": "\(codes.count)",
                                                        "ms": "\(Int((monotonicSeconds() - started) * 1000))",
                                                        "cpu_ms": "\(Int(cpuSeconds.total * 1000))"])
            return codes
        }
    }

    /// The workbooks from the staged CSVs (`files`, and notifications.csv from `notices`);
    /// returns the detachment codes written, in order.
    private static func write(_ context: RunContext, settings: Settings, files: [String],
                              notices: DeliveredNotices, cpuSeconds: CPUSeconds) throws -> [String] {
        guard settings.enabled else { return [] }
        let scanStarted = threadCPUSeconds()
        let staging = context.stagingDirectory
        func sources(_ sheets: ArraySlice<WorkbookSheet>) throws -> [SheetSource] {
            try sheets.compactMap { sheet in
                try DetachmentRanges(path: staging + "/" + sheet.source, encoding: context.settings.outputEncoding).map {
                    SheetSource(sheet: sheet, ranges: $0)
                }
            }
        }
        let noticesAt = WorkbookSheet.all.firstIndex { $0.name == WorkbookSheet.notices.name } ?? WorkbookSheet.all.count
        let before = try sources(WorkbookSheet.all[..<noticesAt])
        let after = try sources(WorkbookSheet.all[noticesAt...].dropFirst())
        let rejected = try RejectedRowsByDetachment.collect(context, files: files)
        let directory = staging + "/" + folder
        // Every sheet's rows, the notices' at about 400 bytes a row: more than any two workbooks hold.
        let csvBytes = (before + after).reduce(0) { $0 + $1.byCode.values.reduce(0) { $0 + $1.count } }
            + context.notices.count * 400
        let temporary = WorkbookTemporaryFolder(staging: directory, xmlBytes: csvBytes * SheetWriter.xmlBytesPerCSVByte)
        defer { temporary.remove() }
        cpuSeconds.add(threadCPUSeconds() - scanStarted)
        var made = false
        // The workers only read the context: its settings, dates and digests (which take a lock).
        func writeAll(_ codes: [String]) throws {
            guard !codes.isEmpty else { return }
            if !made {
                guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
                    throw OutputFileError(file: directory, message: "cannot create: \(String(cString: strerror(errno)))")
                }
                made = true
            }
            // The largest first, so that the last to finish is a small one and both cores stay busy
            // to the end (a file's bytes do not depend on the order).
            let order = largestFirst(codes, sources: before + after)
            try inParallel(order.count) { k in
                let workStarted = threadCPUSeconds()
                defer { cpuSeconds.add(threadCPUSeconds() - workStarted) }
                let path = "\(directory)/\(order[k]).xlsx"
                try writeWorkbook(order[k], path: path, before: before, notices: notices, after: after,
                                  rejected[order[k]] ?? [], temporaryFolder: temporary.path, context: context,
                                  settings: settings)
                // Hashed here, on the worker's core, so the manifest need not read it again.
                let digest = try SHA256.file(path)
                context.staging.digests.record(FileDigest(bytes: digest.bytes, hex: digest.hex), for: path)
            }
        }
        // First the detachments known before the notices, then those with notices only.
        // A row without a detachment (a service point whose region is unreadable) is in no workbook.
        let known = Set((before + after).flatMap { $0.ranges.codes.map(\.code) }).subtracting([""])
        try writeAll(sorted(known))
        let noticesOnly = try notices.source().map { Set($0.ranges.codes.map(\.code)).subtracting(known) } ?? []
        try writeAll(sorted(noticesOnly))
        return sorted(known.union(noticesOnly))
    }

    /// `codes` by the bytes of their rows in `sources`, the most first (then by code).
    private static func largestFirst(_ codes: [String], sources: [SheetSource]) -> [String] {
        let bytes = codes.map { code in sources.reduce(0) { $0 + ($1.byCode[code]?.count ?? 0) } }
        return codes.indices.sorted { bytes[$0] != bytes[$1] ? bytes[$0] > bytes[$1] : $0 < $1 }.map { codes[$0] }
    }

    private static func sorted(_ codes: Set<String>) -> [String] {
        codes.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    private static func writeWorkbook(_ code: String, path: String, before: [SheetSource], notices: DeliveredNotices,
                                      after: [SheetSource], _ rejected: [[String]], temporaryFolder: String,
                                      context: RunContext, settings: Settings) throws {
        let name = context.settings.detachments.name(of: code)
        let workbook = try XlsxWorkbook(path: path, created: context.asOf,
                                        title: "\(context.settings.detachments.label(of: code)) 交管便民利企新措施工作清单",
                                        temporaryFolder: temporaryFolder)
        // 说明 is the first tab but written last, when the other sheets' counts are known.
        // A few dozen rows: never continued, whatever the row limit.
        let about = try SheetWriter(workbook, name: AboutSheet.name, columns: AboutSheet.columns, maxRows: Settings.excelMaxRows)
        var summaries: [AboutSheet.SheetSummary] = []
        for source in before {
            summaries.append(try writeSheet(source, code, workbook, settings))
        }
        // The sheets are added in tab order: 通知 (and its continuations) before the later ones.
        if let source = try notices.source() {
            summaries.append(try writeSheet(source, code, workbook, settings))
        }
        for source in after {
            summaries.append(try writeSheet(source, code, workbook, settings))
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

    /// One sheet of `code`'s rows of `source`, with its counts for 说明.
    private static func writeSheet(_ source: SheetSource, _ code: String, _ workbook: XlsxWorkbook,
                                   _ settings: Settings) throws -> AboutSheet.SheetSummary {
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
        return .init(sheet: source.sheet.name, about: source.sheet.about, rows: sheet.rowCount,
                     countedBy: source.sheet.countedBy?.label, counts: counts)
    }

    /// CPU seconds added up over threads.
    final class CPUSeconds: Sendable {
        private let seconds = Mutex<Double>(0)
        func add(_ more: Double) { seconds.withLock { $0 += more } }
        var total: Double { seconds.withLock { $0 } }
    }

    /// A sheet's source CSV and where each detachment's rows are in it.
    struct SheetSource {
        let sheet: WorkbookSheet
        let ranges: DetachmentRanges
        let byCode: [String: Range<Int>]

        init(sheet: WorkbookSheet, ranges: DetachmentRanges) {
            self.sheet = sheet
            self.ranges = ranges
            byCode = Dictionary(uniqueKeysWithValues: ranges.codes)
        }
    }
}
