import Glibc
private import CXlsxFixes
private import CXlsxWriter

/// An error of libxlsxwriter, with the workbook's path: exit 73 like every output that cannot be written.
struct WorkbookError: Error, CustomStringConvertible {
    let file: String
    let message: String
    var description: String { "\(file): \(message)" }
}

/// One `.xlsx` file written with libxlsxwriter in `constant_memory` mode (SPEC §6): each sheet is
/// streamed to a temporary file row by row and the zip is assembled at `close`, so a workbook of
/// a million rows costs a row of memory (the temporary files are memory files up to
/// `memoryFileBytes`, then files in the temporary folder). The document's creation time is fixed by the caller
/// (the run's as-of date), which makes two runs byte-identical. Workbooks are independent: each
/// may be written on a thread of its own. libxlsxwriter 1.1.4 shares only two things between
/// them, both harmless here: `gmtime`'s static result when core.xml is written (every workbook
/// writes the same as-of date) and tmpfileplus's name seed (a clash is retried, `O_EXCL`).
final class XlsxWorkbook {
    /// zlib's fastest level, which the zip entries' headers say; ISA-L deflates them (docs/BENCHMARKS.md).
    static let deflateLevel: Int32 = 1
    /// ISA-L's level for the zip entries: several times faster than zlib's level 1 (docs/BENCHMARKS.md).
    static let isalLevel: Int32 = 1

    let path: String
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private let header: UnsafeMutablePointer<lxw_format>
    private let date: UnsafeMutablePointer<lxw_format>
    private let dateTime: UnsafeMutablePointer<lxw_format>
    private var closed = false
    /// The stdio buffers of the sheets' row files, freed once `workbook_close` has closed them.
    private var rowFileBuffers: [UnsafeMutablePointer<CChar>] = []
    /// 1 MiB instead of stdio's 4 KiB: a write call per megabyte of a sheet's XML, not per page.
    private static let rowFileBufferBytes = 1 << 20
    /// The sheets' XML (as estimated by the caller) that a workbook keeps in memory files rather
    /// than in `temporaryFolder`: about four times their bytes pass through temporary files, at a
    /// fifth of the CPU in memory (docs/BENCHMARKS.md). While it is written, a workbook holds at
    /// most this in memory files plus one sheet's copy when closed.
    static let memoryFileBytes = 256 << 20

    /// The estimated XML of the sheets in memory files, and whether all so far are.
    private let memoryFileLimit: Int
    private var memoryBytes = 0
    private var inMemory = true

    init(path: String, created: CalendarDate, title: String, temporaryFolder: String,
         memoryFileBytes: Int = XlsxWorkbook.memoryFileBytes) throws {
        self.path = path
        memoryFileLimit = memoryFileBytes
        jg_xlsx_set_deflate_level(Self.deflateLevel)
        jg_xlsx_set_isal_level(Self.isalLevel)
        let made: UnsafeMutablePointer<lxw_workbook>? = temporaryFolder.withCString { tmpdir in
            var options = lxw_workbook_options(constant_memory: 1, tmpdir: UnsafeMutablePointer(mutating: tmpdir), use_zip64: 1)
            return workbook_new_opt(path, &options)
        }
        guard let made else { throw WorkbookError(file: path, message: "cannot create the workbook") }
        workbook = made
        header = workbook_add_format(made)
        format_set_bold(header)
        date = workbook_add_format(made)
        format_set_num_format(date, "yyyy-mm-dd")
        dateTime = workbook_add_format(made)
        format_set_num_format(dateTime, "yyyy-mm-dd hh:mm:ss")
        var properties = lxw_doc_properties()
        properties.created = time_t(Int(created.dayNumber - CalendarDate.unixEpoch.dayNumber) * 86_400)
        try title.withCString { title in
            try "jgpipe".withCString { author in
                properties.title = UnsafeMutablePointer(mutating: title)
                properties.author = UnsafeMutablePointer(mutating: author)
                try check(workbook_set_properties(made, &properties))
            }
        }
    }

    deinit {
        // A workbook given up on (an error on the way) still frees its memory and temporary files;
        // the partial file is in the staging folder, discarded with it.
        if !closed { withTemporaryFiles { _ = workbook_close(workbook) } }
        for buffer in rowFileBuffers { buffer.deallocate() }
    }

    /// A sheet whose XML is estimated at `estimatedBytes`: in a memory file while every sheet
    /// so far is and the workbook's stay within `memoryFileBytes`, else in the temporary folder
    /// (as are all later ones).
    func addSheet(_ name: String, estimatedBytes: Int = 0) throws -> Sheet {
        inMemory = inMemory && memoryBytes + estimatedBytes <= memoryFileLimit
        if inMemory { memoryBytes += estimatedBytes }
        let added = withTemporaryFiles { workbook_add_worksheet(workbook, name) }
        guard let sheet = added else {
            throw WorkbookError(file: path, message: "cannot add the sheet \(name)")
        }
        // In constant_memory mode `file` is the sheet's row file, not yet written to.
        if let file = sheet.pointee.file {
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Self.rowFileBufferBytes)
            rowFileBuffers.append(buffer)
            setvbuf(file, buffer, _IOFBF, Self.rowFileBufferBytes)
        }
        return Sheet(sheet: sheet, workbook: self)
    }

    func close() throws {
        closed = true
        // The copies made while closing get larger stdio buffers; once the library has closed
        // every file (it has when it succeeds), they are freed.
        jg_xlsx_begin_buffered_temporary_files()
        let error = withTemporaryFiles { workbook_close(workbook) }
        jg_xlsx_end_buffered_temporary_files(error == LXW_NO_ERROR ? 1 : 0)
        try check(error)
    }

    /// Runs a libxlsxwriter call that may create temporary files (a sheet's row file when it is
    /// added; the copies of the sheets and the other parts when the workbook is closed), telling
    /// CXlsxFixes' lxw_tmpfile, on this thread, where they go: in memory while every sheet is.
    private func withTemporaryFiles<R>(_ call: () -> R) -> R {
        jg_xlsx_set_memory_temporary_files(inMemory ? 1 : 0)
        defer { jg_xlsx_set_memory_temporary_files(0) }
        return call()
    }

    /// The deflate level the last zip entry of any workbook was really written with (for the tests).
    static var lastDeflateLevel: Int32 { jg_xlsx_last_deflate_level() }

    fileprivate func check(_ error: lxw_error) throws {
        guard error == LXW_NO_ERROR else {
            throw WorkbookError(file: path, message: String(cString: lxw_strerror(error)))
        }
    }

    /// A sheet of the workbook; rows must be written in order (constant_memory).
    struct Sheet {
        fileprivate let sheet: UnsafeMutablePointer<lxw_worksheet>
        fileprivate let workbook: XlsxWorkbook

        /// Excel's longest cell text, in UTF-16 units; a longer one is cut.
        static let maxTextLength = 32_767

        func header(_ row: Int, _ column: Int, _ text: String) throws {
            try workbook.check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), text, workbook.header))
        }

        /// A text cell; an empty text writes nothing.
        func text(_ row: Int, _ column: Int, _ bytes: UnsafeBufferPointer<UInt8>, scratch: inout [CChar]) throws {
            guard !bytes.isEmpty else { return }
            let length = XlsxWorkbook.cutLength(bytes)
            if scratch.count <= length { scratch = [CChar](repeating: 0, count: length * 2 + 1) }
            scratch.withUnsafeMutableBufferPointer { buffer in
                for k in 0..<length { buffer[k] = CChar(bitPattern: bytes[k]) }
                buffer[length] = 0
            }
            try workbook.check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), scratch, nil))
        }

        func text(_ row: Int, _ column: Int, _ text: String) throws {
            var scratch: [CChar] = []
            var text = text
            try text.withUTF8 { try self.text(row, column, $0, scratch: &scratch) }
        }

        func number(_ row: Int, _ column: Int, _ value: Double) throws {
            try workbook.check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, nil))
        }

        /// A date (or date-time) cell: `serial` is Excel's day number, with the time as a fraction.
        func date(_ row: Int, _ column: Int, serial: Double, withTime: Bool) throws {
            try workbook.check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), serial,
                                                      withTime ? workbook.dateTime : workbook.date))
        }

        func columnWidth(_ column: Int, _ width: Double) throws {
            try workbook.check(worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, nil))
        }

        /// Freezes the header row and puts a filter on it over `rows` rows (the header included).
        func freezeAndFilterHeader(columns: Int, rows: Int) throws {
            worksheet_freeze_panes(sheet, 1, 0)
            try workbook.check(worksheet_autofilter(sheet, 0, 0, lxw_row_t(max(rows, 1) - 1), lxw_col_t(max(columns, 1) - 1)))
        }
    }

    /// How many of `bytes` to keep: all, or the longest whole-character prefix within Excel's limit.
    static func cutLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        // A UTF-8 byte never stands for more than one UTF-16 unit, so a short field needs no count.
        guard bytes.count > Sheet.maxTextLength else { return bytes.count }
        var units = 0, k = 0
        while k < bytes.count {
            let lead = bytes[k]
            let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let needed = width == 4 ? 2 : 1
            if units + needed > Sheet.maxTextLength || k + width > bytes.count { break }
            units += needed
            k += width
        }
        return k
    }
}

extension CalendarDate {
    static let unixEpoch = CalendarDate(year: 1970, month: 1, day: 1)!
    /// Day 0 of Excel's serial dates (for dates from March 1900 on).
    static let excelEpoch = CalendarDate(year: 1899, month: 12, day: 30)!
}
