/// Writes one logical sheet of a workbook (SPEC §6): the Chinese header row, frozen and filtered;
/// each value as the cell its column's kind says; columns sized to their content; past the row
/// limit the sheet continues on `名称(2)`, `名称(3)`… with the header again.
final class SheetWriter {
    private let workbook: XlsxWorkbook
    private let name: String
    private let columns: [WorkbookColumn]
    /// Rows a sheet holds, header included (Excel: 1,048,576; lowered in tests).
    private let maxRows: Int
    private var sheet: XlsxWorkbook.Sheet
    private var part = 1
    private var row = 1
    /// Widest value per column, in Excel's character widths, over the current part.
    private var widths: [Int]
    private var scratch = [CChar](repeating: 0, count: 256)
    /// Data rows written over all parts.
    private(set) var rowCount = 0

    init(_ workbook: XlsxWorkbook, name: String, columns: [WorkbookColumn], maxRows: Int) throws {
        self.workbook = workbook
        self.name = name
        self.columns = columns
        self.maxRows = maxRows
        sheet = try workbook.addSheet(name)
        widths = columns.map { SheetWriter.displayWidth($0.header.utf8) }
        try writeHeader()
    }

    private func writeHeader() throws {
        for (c, column) in columns.enumerated() { try sheet.header(0, c, column.header) }
    }

    /// Appends a row; `field(c)` gives column c's bytes (empty for a missing field).
    func appendRow(_ field: (Int) -> UnsafeBufferPointer<UInt8>) throws {
        if row == maxRows { try continueOnNextPart() }
        for c in columns.indices {
            let bytes = field(c)
            guard !bytes.isEmpty else { continue }
            widths[c] = max(widths[c], SheetWriter.displayWidth(bytes))
            switch columns[c].kind {
            case .text:
                try sheet.text(row, c, bytes, scratch: &scratch)
            case .number:
                if let value = SheetWriter.integer(bytes) {
                    try sheet.number(row, c, Double(value))
                } else {
                    try sheet.text(row, c, bytes, scratch: &scratch)
                }
            case .date, .dateTime:
                if let serial = SheetWriter.excelSerial(bytes) {
                    try sheet.date(row, c, serial: serial, withTime: bytes.count > 10)
                } else {
                    try sheet.text(row, c, bytes, scratch: &scratch)
                }
            }
        }
        row += 1
        rowCount += 1
    }

    /// A row of strings (the 说明 and 拒绝记录 sheets).
    func appendRow(_ values: [String]) throws {
        var bytes: [UInt8] = [], ends: [Int] = []
        for value in values {
            bytes += value.utf8
            ends.append(bytes.count)
        }
        try bytes.withUnsafeBufferPointer { all in
            try appendRow { c in
                guard c < ends.count else { return UnsafeBufferPointer(start: nil, count: 0) }
                return UnsafeBufferPointer(rebasing: all[(c == 0 ? 0 : ends[c - 1])..<ends[c]])
            }
        }
    }

    /// Ends the current part: widths, frozen and filtered header.
    func finish() throws {
        for (c, width) in widths.enumerated() {
            // A little room for the filter button; very long texts (messages) are capped.
            try sheet.columnWidth(c, Double(min(width + 3, 80)))
        }
        try sheet.freezeAndFilterHeader(columns: columns.count, rows: row)
    }

    private func continueOnNextPart() throws {
        try finish()
        part += 1
        sheet = try workbook.addSheet("\(name)(\(part))")
        row = 1
        widths = columns.map { SheetWriter.displayWidth($0.header.utf8) }
        try writeHeader()
    }

    /// About what a CSV byte becomes in a sheet's XML: 2.85 over the 5M-account run's workbooks
    /// (910 MB of XML from 320 MB of CSV rows), more with short fields, each an inline-string cell.
    static let xmlBytesPerCSVByte = 4

    /// Excel's width of a text: 2 for a wide (CJK) character, 1 for others.
    static func displayWidth<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var width = 0
        for byte in bytes where byte & 0xC0 != 0x80 {
            width += byte >= 0xE0 ? 2 : 1
        }
        return width
    }

    /// A whole number written as digits (at most 15, which a double holds exactly), else nil.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard (1...15).contains(bytes.count), ASCII.allDigits(bytes) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
    }

    /// Excel's serial of `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`, else nil.
    static func excelSerial(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for k in range {
                let digit = bytes[k] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard bytes.count == 10 || bytes.count == 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let date = CalendarDate(year: year, month: month, day: day), date > CalendarDate.excelLeapBug
        else { return nil }
        var serial = Double(date.dayNumber - CalendarDate.excelEpoch.dayNumber)
        if bytes.count == 19 {
            guard bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                  hour < 24, minute < 60, second < 60 else { return nil }
            serial += Double(hour * 3600 + minute * 60 + second) / 86_400
        }
        return serial
    }
}

extension CalendarDate {
    /// Excel counts a 29 February 1900 that never was: serials are right from 1 March 1900 on.
    static let excelLeapBug = CalendarDate(year: 1900, month: 2, day: 28)!
}
