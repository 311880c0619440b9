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
    static let numberHeaders: Set<String> = ["R1清理数", "R2清理数", "R3清理数", "保留账号数", "行号", "数量", "逾期天数", "已等待天数"]
    static let dateHeaders: Set<String> = ["注册时间", "停用日期", "到期日期", "报废信息接收日期", "日期", "有效期止", "应注销日期",
                                           "违法时间", "处理时间", "核查日期", "收到日期"]

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
            #expect(distinct == ["说明", "单位联系清单", "清理账号", "通知", "注销工作清单", "驾驶证待注销", "违法处理核查", "服务网点核查",
                                 "抽查清单", "纠错反馈", "拒绝记录"],
                    "\(book)")
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
        // 440100 has 34 notices of units, exams and vehicles (2 unit, 3 exam and 29 vehicle rows of their
        // expectation files: 18 ECERT_AVAILABLE with the pilot region 4401) and, on 2024-06-01, 12 of
        // licences and violations (samples/expectations/LICENCES_VIOLATIONS.md, moved to A = 2024-06-01,
        // A + 30 = 2024-07-01, A + 90 = 2024-08-30): LICENCE_RENEWAL_OVERDUE L04, L05; REVIEW_DUE L08
        // (C 2024-06-01, 4 points); REVIEW_OVERDUE L12 (1 point), L22 (5 points in the cycle ending its C
        // 2023-07-20), L23 (flagged, C 2023-07-25); MEDICAL_OVERDUE L31, L32, L33 (70 on their C of
        // 2023-07-31, -08-01, -08-02); RESTORATION_SUBJECT1_ONLY L14, L15, L16 (valid + 3 years ≥ A) = 12.
        // L07's cycle ending 2024-08-20 is not yet C, so its points say nothing (review_unknown); no
        // one turns 60 or 70 by A with a lapsing class but L30 (M only: the work list). No W1 or W2: on
        // 2024-06-01 the violations of 张三 and 赵六 have not occurred yet and S03, S06, S08 are decided
        // later (docs/rules/violations.md, decision 9). 46 notices, 2 a sheet → 通知 … 通知(23).
        let guangzhou = try #require(books["440100.xlsx"]).map(\.title)
        #expect(guangzhou.contains("通知(2)") && guangzhou.contains("通知(23)") && !guangzhou.contains("通知(24)"))
    }

    @Test func rowsSummedOverTheWorkbooksAreTheCSVRows() throws {
        let output = try Self.smallSheetRun()
        let books = try Self.readWorkbooks(output)
        var rows: [String: Int] = [:]
        for sheet in books.values.joined() { rows[Self.baseName(sheet.title), default: 0] += sheet.rows }
        for sheet in WorkbookSheet.all {
            let csv = try RunHarness.readCSV(output + "/" + sheet.source)
            // Every detachment of the CSV has its workbook, and no other workbook exists; a row of
            // no detachment (a service point whose region is unreadable) is in none.
            let codeColumn = try #require(csv.header.firstIndex(of: "detachment_code"))
            let placed = csv.rows.filter { !$0[codeColumn].isEmpty }
            #expect(rows[sheet.name] == placed.count, "\(sheet.name) vs \(sheet.source)")
            let codes = Set(placed.map { $0[codeColumn] })
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
        // Licences (their region_code): 440100 lines 22, 23, 25, 29, 30; 310100 lines 21, 24, 27 (the
        // FIELD_COUNT row's region is still readable); line 26 (region 4401) names none. Violations (违法地区划):
        // 440100 lines 13–18, 20, 21. Registered users carry no region. 440100: 9 + 5 + 8 = 22; 310100: 2 + 3 = 5.
        var rejected: [String: Int] = [:]
        for (book, sheets) in books {
            rejected[book] = sheets.filter { Self.baseName($0.title) == "拒绝记录" }.map(\.rows).reduce(0, +)
        }
        #expect(rejected == ["440100.xlsx": 22, "440300.xlsx": 4, "310100.xlsx": 5, "110100.xlsx": 0, "370200.xlsx": 0,
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

    /// `region_code` means where a vehicle is registered and where a licence is administered
    /// (SPEC §3 登记地区划, §7 管辖区划): each sheet says which, read back by openpyxl.
    @Test func eachSheetNamesItsOwnRegionColumn() throws {
        let output = try RunHarness.publishedSample("utf8")
        let sheets = try Self.readWorkbooks(output).values.joined()
        func headers(_ name: String) -> [[String]] {
            sheets.filter { Self.baseName($0.title) == name && $0.rows > 0 }.map { $0.headers.map { $0 ?? "" } }
        }
        let vehicles = headers("注销工作清单"), licences = headers("驾驶证待注销")
        #expect(!vehicles.isEmpty && !licences.isEmpty)
        for header in vehicles {
            #expect(header.contains("登记地区划") && header.contains("报废地区划") && !header.contains("管辖区划"), "\(header)")
        }
        for header in licences {
            #expect(header.contains("管辖区划") && !header.contains("登记地区划"), "\(header)")
        }
        // The other sheets have no region column at all.
        for name in ["单位联系清单", "清理账号", "通知", "违法处理核查"] {
            for header in headers(name) { #expect(!header.contains { $0.hasSuffix("地区划") || $0 == "管辖区划" }, "\(name): \(header)") }
        }
    }

    /// Written on several threads, the workbooks are still the same bytes run after run (SPEC §0),
    /// deflated at libxlsxwriter's own level, zlib's default: minizip leaves bits 1 and 2 of the
    /// local header's flags clear for it (APPNOTE 4.4.4; level 1 would set both).
    @Test func theyAreTheSameBytesEveryRunAtTheLibrarysLevel() throws {
        let first = try Self.smallSheetRun(), second = try Self.smallSheetRun()
        let books = try RunHarness.outputFiles(first).filter { $0.hasPrefix(DetachmentWorkbooks.folder + "/") }
        #expect(books.count == 6)
        for book in books {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: first + "/" + book)))
            #expect(bytes == (try [UInt8](Data(contentsOf: URL(fileURLWithPath: second + "/" + book)))), "\(book)")
            #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04] && bytes[6] & 0x06 == 0, "\(book): flags \(bytes[6])")
        }
    }
}

