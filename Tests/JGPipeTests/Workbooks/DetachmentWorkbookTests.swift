import Foundation
import Testing
@testable import JGPipe

/// SPEC §6: the detachments' workbooks, read back with a real xlsx reader (openpyxl, through
/// `scripts/read-workbooks.py`), not with the code that wrote them.
@Suite struct DetachmentWorkbookTests {
    struct Sheet: Decodable {
        let title: String
        let headers: [String?]
        let rows: Int
        let freeze: String?
        let filter: String?
        let types: [[String]]
        let widths: [Double?]
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The sheets of every workbook of `output`, by file name.
    static func readWorkbooks(_ output: String) throws -> [String: [Sheet]] {
        let process = Process()
        // Debian's interpreter, where python3-openpyxl is installed (scripts/bootstrap.sh).
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [repository + "/scripts/read-workbooks.py", output]
        let pipe = Pipe(), errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(process.terminationStatus == 0, "read-workbooks.py: \(message)")
        return try JSONDecoder().decode([String: [Sheet]].self, from: data)
    }

    /// A continuation sheet `名称(2)` counts as its sheet.
    static func baseName(_ title: String) -> String {
        guard title.hasSuffix(")"), let open = title.lastIndex(of: "(") else { return title }
        return String(title[..<open])
    }

    /// Columns that are numbers or dates; every other column holds only text cells.
    static let numberHeaders: Set<String> = ["R1清理数", "R2清理数", "R3清理数", "保留账号数", "行号", "数量", "逾期天数"]
    static let dateHeaders: Set<String> = ["注册时间", "停用日期", "到期日期", "报废信息接收日期", "日期"]

    /// The sample run with 3 rows a sheet (header + 2): every longer sheet continues.
    static func smallSheetRun() throws -> String {
        try RunHarness.publishedSample("utf8", overrides: ["run.workbook_max_rows=3", "vehicles.ecert_pilot_regions=4401"])
    }

    @Test func everyWorkbookHasTheSheetsWithChineseHeadersAndTextIdentifiers() throws {
        let output = try Self.smallSheetRun()
        let books = try Self.readWorkbooks(output)
        #expect(!books.isEmpty)
        for (book, sheets) in books {
            let names = sheets.map { Self.baseName($0.title) }
            // Tab order: 说明, then each sheet with its continuations right after it.
            var distinct: [String] = []
            for name in names where distinct.last != name { distinct.append(name) }
            #expect(distinct == ["说明", "单位联系清单", "清理账号", "通知", "注销工作清单", "拒绝记录"], "\(book)")
            for sheet in sheets {
                // 说明 is a short sheet of its own, not cut.
                #expect(sheet.rows <= 2 || sheet.title == "说明", "\(book) \(sheet.title): more rows than the limit")
                #expect(sheet.freeze == "A2", "\(book) \(sheet.title): header row not frozen")
                let lastColumn = Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(sheet.headers.count - 1)))
                #expect(sheet.filter == "A1:\(lastColumn)\(sheet.rows + 1)", "\(book) \(sheet.title): filter")
                for (header, types) in zip(sheet.headers, sheet.types) {
                    let header = try #require(header)
                    // Chinese headers: no snake_case name of the CSVs is left.
                    #expect(!header.contains("_") && header.unicodeScalars.contains { $0.value >= 0x4E00 },
                            "\(book) \(sheet.title): header \(header)")
                    if Self.numberHeaders.contains(header) {
                        #expect(types.allSatisfy { $0 == "int" }, "\(book) \(sheet.title) \(header): \(types)")
                    } else if Self.dateHeaders.contains(header) {
                        #expect(types.allSatisfy { $0 == "datetime" }, "\(book) \(sheet.title) \(header): \(types)")
                    } else {
                        #expect(types.allSatisfy { $0 == "str" }, "\(book) \(sheet.title) \(header): \(types)")
                    }
                }
                // Sized to content: the 18-character credit codes and ids fit.
                for (header, width) in zip(sheet.headers, sheet.widths)
                where sheet.rows > 0 && (header == "统一社会信用代码" || header == "证件号码") {
                    #expect((width ?? 0) >= 18, "\(book) \(sheet.title) \(header ?? ""): width \(width ?? 0)")
                }
            }
        }
        // 2 rows a sheet: 440100's n notices fill 通知, 通知(2) … 通知(⌈n/2⌉) and no more (the samples
        // grow with every dataset, so n is read from notifications.csv rather than written here).
        let notices = try RunHarness.readCSV(output + "/notifications.csv")
        let detachment = try #require(notices.header.firstIndex(of: "detachment_code"))
        let n = notices.rows.filter { $0[detachment] == "440100" }.count
        #expect(n > 4)
        let last = (n + 1) / 2
        let guangzhou = try #require(books["440100.xlsx"]).map(\.title)
        #expect(guangzhou.contains("通知(2)") && guangzhou.contains("通知(\(last))") && !guangzhou.contains("通知(\(last + 1))"))
    }

    @Test func rowsSummedOverTheWorkbooksAreTheCSVRows() throws {
        let output = try Self.smallSheetRun()
        let books = try Self.readWorkbooks(output)
        var rows: [String: Int] = [:]
        for sheet in books.values.joined() { rows[Self.baseName(sheet.title), default: 0] += sheet.rows }
        for sheet in WorkbookSheet.all {
            let csv = try RunHarness.readCSV(output + "/" + sheet.source)
            #expect(rows[sheet.name] == csv.rows.count, "\(sheet.name) vs \(sheet.source)")
            // Every detachment of the CSV has its workbook, and no other workbook exists.
            let codeColumn = try #require(csv.header.firstIndex(of: "detachment_code"))
            let codes = Set(csv.rows.map { $0[codeColumn] })
            for code in codes { #expect(books["\(code).xlsx"] != nil, "\(code) has rows in \(sheet.source)") }
        }
        // Exam enrollments in 2102, 3201, … produce no notice: those detachments get no workbook.
        #expect(books["210200.xlsx"] == nil && books["320100.xlsx"] == nil)
        // 拒绝记录, by hand from samples/expectations/utf8 and the exam and vehicle samples:
        // 440100: units lines 4 and 8 (440106), accounts 14 (U1) and 47 (U4), exam line 22 (440106),
        //         vehicles lines 18–21 (440106) = 9;
        // 440300: accounts 27 (U2), 53 (U5), 73 and 74 (U8) = 4;  310100: accounts 59 (U6), 65 (U7) = 2.
        // The three UNKNOWN_UNIT accounts name no region; exams 21 (450103) and 23 (350203) name
        // detachments with nothing to act on, which get no workbook.
        var rejected: [String: Int] = [:]
        for (book, sheets) in books {
            rejected[book] = sheets.filter { Self.baseName($0.title) == "拒绝记录" }.map(\.rows).reduce(0, +)
        }
        #expect(rejected == ["440100.xlsx": 9, "440300.xlsx": 4, "310100.xlsx": 2, "110100.xlsx": 0, "370200.xlsx": 0,
                             "440600.xlsx": 0])
    }

    @Test func theSwitchSkipsThem() throws {
        let output = try RunHarness.publishedSample("utf8", overrides: ["run.detachment_workbooks=false"])
        #expect(!FileManager.default.fileExists(atPath: output + "/" + DetachmentWorkbooks.folder))
        #expect(FileManager.default.fileExists(atPath: output + "/" + UnitContactList.fileName))
    }

    @Test func theyAreListedInTheManifest() throws {
        let output = try RunHarness.publishedSample("utf8")
        let manifest = try String(contentsOfFile: output + "/manifest.json", encoding: .utf8)
        for file in try RunHarness.outputFiles(output) where file.hasPrefix(DetachmentWorkbooks.folder + "/") {
            #expect(manifest.contains("\"\(file)\""), "\(file) not in the manifest")
        }
        #expect(manifest.contains("\"by_detachment/440100.xlsx\""))
    }
}
