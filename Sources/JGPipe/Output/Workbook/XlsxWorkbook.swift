import Glibc
private import CXlsxWriter

/// An error of libxlsxwriter, with the workbook's path: exit 73 like every output that cannot be written.
struct WorkbookError: Error, CustomStringConvertible {
    let file: String
    let message: String
    var description: String { "\(file): \(message)" }
}

/// One `.xlsx` file written with libxlsxwriter in `constant_memory` mode (SPEC §6), through its
/// public API only: each sheet is streamed to a temporary file in `temporaryFolder` (its `tmpdir`
/// option; `WorkbookTemporaryFolder` puts it on a memory file system where one has room) row by
/// row, and the zip is assembled at `close`, so a workbook of a million rows costs a row of memory.
/// The document's creation time is fixed by the caller (the run's as-of date), which makes two runs
/// byte-identical. Workbooks are independent: each may be written on a thread of its own.
/// libxlsxwriter 1.1.4 shares only two things between them, both harmless here: `gmtime`'s static
/// result when core.xml is written (every workbook writes the same as-of date) and tmpfileplus's
/// name seed (a clash is retried, `O_EXCL`). The zip entries are deflated at the library's own
/// level: 1.1.4 has no setting for it (docs/BENCHMARKS.md).
final class XlsxWorkbook {
    let path: String
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private let header: UnsafeMutablePointer<lxw_format>
    private let date: UnsafeMutablePointer<lxw_format>
    private let dateTime: UnsafeMutablePointer<lxw_format>
    private var closed = false
    /// The stdio buffers of the sheets' row files, freed once `workbook_close` has closed them.
    private var rowFileBuffers: [UnsafeMutablePointer<CChar>] = []
    /// 1 MiB instead of stdio's 4 KiB: a write call per megabyte of a sheet's XML, not per page.
    /// `setvbuf` on the sheet's row file (`lxw_worksheet.file`, public in worksheet.h) before its
    /// first write is plain C stdio, not a change of the library.
    private static let rowFileBufferBytes = 1 << 20

    init(path: String, created: CalendarDate, title: String, temporaryFolder: String) throws {
        self.path = path
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
        if !closed { _ = workbook_close(workbook) }
        for buffer in rowFileBuffers { buffer.deallocate() }
    }

    func addSheet(_ name: String) throws -> Sheet {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
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
        try check(workbook_close(workbook))
    }

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
