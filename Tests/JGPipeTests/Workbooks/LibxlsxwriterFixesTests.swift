import CXlsxFixes
import CXlsxWriter
import Foundation
import Glibc
import Testing
@testable import JGPipe

/// Sources/CXlsxFixes replaces libxlsxwriter 1.1.4's per-cell functions, its fprintf, and zlib's
/// deflate and crc32 under it, with cheaper ones: each must give what the library's own gives
/// (found with dlsym(RTLD_NEXT)), and be the one libxlsxwriter really calls.
@Suite struct LibxlsxwriterFixesTests {
    /// Texts a cell may hold: ASCII, Chinese, every control byte, tab and line feed (kept),
    /// XML's three escaped characters, DEL and bytes above it, a long one.
    static let texts: [[UInt8]] = {
        var texts: [[UInt8]] = [[], Array("abc".utf8), Array("深圳市某某科技有限公司".utf8), Array("a\tb\nc".utf8),
                                Array("a&b<c>d\"e'".utf8), Array("&&<<>>".utf8), Array("&amp;".utf8), [0x7F, 0x80, 0xFF],
                                Array(repeating: UInt8(ascii: "x"), count: 40_000) + Array("<&>".utf8)]
        for byte in UInt8(1)...0x1F { texts.append([UInt8(ascii: "a"), byte, UInt8(ascii: "<"), byte]) }
        texts.append(Array("_x0001_ 单位\u{1}&\u{1F}".utf8))
        // The replacements look at eight bytes at a time: each special byte at each place of
        // texts of 1 to 17 bytes, across a word's end.
        for length in 1...17 {
            for place in 0..<length {
                for byte in [0x01, 0x09, 0x0A, 0x1F, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), 0xE4] as [UInt8] {
                    var text = Array(repeating: UInt8(ascii: "7"), count: length)
                    text[place] = byte
                    texts.append(text)
                }
            }
        }
        return texts
    }()

    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }

    static func taking(_ string: UnsafeMutablePointer<CChar>?) -> [UInt8] {
        defer { free(string) }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(string!).assumingMemoryBound(to: UInt8.self),
                                         count: strlen(string!)))
    }

    @Test func escapingDataGivesTheLibrarysBytes() {
        for text in Self.texts {
            let ours = Self.withCString(text) { Self.taking(lxw_escape_data($0)) }
            let theirs = Self.withCString(text) { Self.taking(jg_lxw_original_escape_data($0)) }
            #expect(ours == theirs, "\(text.prefix(20))")
        }
        #expect(Self.withCString(Array("a&b<c>".utf8)) { Self.taking(lxw_escape_data($0)) } == Array("a&amp;b&lt;c&gt;".utf8))
    }

    /// worksheet_write_string keeps `lxw_escape_control_characters(s)` when told s has control
    /// characters, else a copy of s: the same cell either way, only when the answer is no exactly
    /// when escaping would change nothing. 1.1.4's own answer is always yes (it tests the pointer).
    @Test func theControlCharacterTestIsRightAndChangesNoCell() {
        for text in Self.texts {
            let has = Self.withCString(text) { lxw_has_control_characters($0) } != 0
            let escaped = Self.withCString(text) { Self.taking(jg_lxw_original_escape_control_characters($0)) }
            #expect(has == (escaped != text), "\(text.prefix(20))")
            // By hand: a byte 0x01-0x1F other than tab and line feed.
            #expect(has == text.contains { $0 >= 1 && $0 <= 0x1F && $0 != 0x09 && $0 != 0x0A }, "\(text.prefix(20))")
            #expect(Self.withCString(text) { jg_lxw_original_has_control_characters($0) } == 1)
        }
        let escaped = Self.withCString([UInt8(ascii: "a"), 0x01, 0x1F]) { Self.taking(jg_lxw_original_escape_control_characters($0)) }
        #expect(escaped == Array("a_x0001__x001F_".utf8))
    }

    @Test func cellNamesAreTheLibrarys() {
        func name(_ row: UInt32, _ col: UInt16, original: Bool) -> String {
            var buffer = [CChar](repeating: 0x55, count: 16)
            buffer.withUnsafeMutableBufferPointer { buffer in
                if original { jg_lxw_original_rowcol_to_cell(buffer.baseAddress, row, col) }
                else { lxw_rowcol_to_cell(buffer.baseAddress, row, col) }
            }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        for row: UInt32 in [0, 1, 8, 9, 98, 99, 999, 65_535, 999_999, 1_048_575] {
            for col: UInt16 in [0, 1, 25, 26, 27, 51, 52, 701, 702, 703, 18_277, 16_383] {
                #expect(name(row, col, original: false) == name(row, col, original: true), "\(row) \(col)")
            }
        }
        #expect(name(0, 0, original: false) == "A1" && name(9, 27, original: false) == "AB10"
                && name(1_048_575, 16_383, original: false) == "XFD1048576")
    }

    @Test func characterCountsAreTheLibrarys() {
        for text in Self.texts + [Array("深圳".utf8) + [0xBF, 0x80], Array("𠀀a".utf8), Array(repeating: 0x80, count: 19)] {
            let ours = Self.withCString(text) { lxw_utf8_strlen($0) }
            #expect(ours == Self.withCString(text) { jg_lxw_original_utf8_strlen($0) }, "\(text.prefix(20))")
            // By hand: every byte that is not 10xxxxxx.
            #expect(ours == text.filter { $0 & 0xC0 != 0x80 }.count, "\(text.prefix(20))")
        }
    }

    /// ISA-L's CRC-32 is zlib's, whole and chained, at every length around its word sizes.
    @Test func checksumsAreZlibs() {
        var random = SplitMix(seed: 15)
        let bytes = (0..<70_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        bytes.withUnsafeBufferPointer { all in
            for length in Array(0...130) + [1_000, 4_096, 65_536, 70_000] {
                let part = UnsafeBufferPointer(rebasing: all[..<length])
                #expect(jg_xlsx_crc32(0, part.baseAddress, UInt32(length)) == jg_zlib_crc32(0, part.baseAddress, UInt32(length)), "\(length)")
            }
            let half = UnsafeBufferPointer(rebasing: all[..<35_001]), rest = UnsafeBufferPointer(rebasing: all[35_001...])
            let chained = jg_xlsx_crc32(jg_xlsx_crc32(0, half.baseAddress, 35_001), rest.baseAddress, UInt32(rest.count))
            #expect(chained == jg_zlib_crc32(0, all.baseAddress, 70_000))
        }
        #expect(jg_xlsx_crc32(12_345, nil, 0) == 0 && jg_zlib_crc32(12_345, nil, 0) == 0)
        // The check value of CRC-32 (ISO-HDLC): "123456789".
        #expect(Self.withCString(Array("123456789".utf8)) { jg_xlsx_crc32(0, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), 9) } == 0xCBF4_3926)
    }

    /// Every format libxlsxwriter 1.1.4 writes a cell or a tag with, and a few it does not, print
    /// glibc's bytes and count through the replaced __fprintf_chk: numbers on both sides of the
    /// integral fast path (date serials, fractions, 10^15, -0, NaN, infinities).
    @Test func printingGivesGlibcsBytes() {
        let formats = [#"<c r="%s"><v>%.16G</v></c>"#, #"<c r="%s" s="%d"><v>%.16G</v></c>"#,
                       #"<c r="%s" t="inlineStr"><is><t>%s</t></is></c>"#, #"<c r="%s" s="%d" t="inlineStr"><is><t>%s</t></is></c>"#,
                       #"<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>"#,
                       #"<c r="%s" s="%d" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>"#,
                       #"<c r="%s" s="%d" t="s"><v>%d</v></c>"#, "<%s", #" %s="%s""#, ">", "</%s>", "100%% %s", "%s%d",
                       // Not written by the replacement: glibc's own, through it.
                       "%5d|%s", "%.3f", "%-4s|"]
        let numbers: [Double] = [0, -0.0, 1, -1, 45_444, 45_444.5, 45_444.999_988_425_9, 0.1, 1e-5, 123_456_789_012_345,
                                 999_999_999_999_999, 1e15, -1e15, 1e16, 12_345_678_901_234_567, 1.5e300, .nan, .infinity,
                                 -.infinity, -45_444, 2_147_483_648]
        let long = String(repeating: "长", count: 300)
        for format in formats {
            for number in numbers {
                for (text, integer) in [("A1", 0), ("XFD1048576", 2_147_483_647), (long, -2_147_483_648), ("", -7)] {
                    let second = integer == 0 ? "深圳 & <b>" : long
                    func printed(_ glibc: Int32) -> String? {
                        guard let bytes = jg_xlsx_printed(glibc, format, text, Int32(integer), second, number) else { return nil }
                        defer { free(bytes) }
                        return String(cString: bytes)
                    }
                    let ours = printed(0)
                    #expect(ours != nil && ours == printed(1), "\(format) \(number) \(integer)")
                }
            }
        }
        // By hand: the serial of 2024-06-01 with its format index, and a date-time.
        #expect(jg_xlsx_printed(0, #"<c r="%s" s="%d"><v>%.16G</v></c>"#, "B2", 2, "", 45_444).map { String(cString: $0) }
                == #"<c r="B2" s="2"><v>45444</v></c>"#)
        #expect(jg_xlsx_printed(0, "%.16G", "", 0, "", 45_444.5).map { String(cString: $0) } == "45444.5")
    }

    /// A workbook written through `XlsxWorkbook` reaches the replacements (counted on this
    /// thread), and its sheet still escapes what Excel needs escaped.
    @Test func theReplacementsAreTheOnesInEffect() throws {
        let folder = RunHarness.temporaryFolder("jgpipe-xlsx-fixes")
        let path = folder + "/fixes.xlsx"
        let before = jg_xlsx_fix_calls(), streamsBefore = jg_xlsx_isal_streams()
        let workbook = try XlsxWorkbook(path: path, created: CalendarDate(year: 2024, month: 6, day: 1)!, title: "t",
                                        temporaryFolder: folder)
        let sheet = try workbook.addSheet("s")
        try sheet.text(0, 0, "a\u{1}b")
        try sheet.text(0, 1, "x&y<z>")
        try sheet.text(1, 27, "深圳")
        try sheet.number(1, 0, 42)
        try workbook.close()
        // 3 control-character tests, 3 character counts, 3 escapes of text cells, 4 cell names,
        // 4 cells printed at least.
        #expect(jg_xlsx_fix_calls() - before >= 17)
        // Every part of the zip deflated by ISA-L: [Content_Types].xml, the rels, the workbook, its
        // sheet, styles, theme, app and core properties.
        #expect(jg_xlsx_isal_streams() - streamsBefore >= 9)

        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        // testzip() inflates every entry and checks its CRC-32: None when all are whole.
        unzip.arguments = ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; sys.stdout.buffer.write(z.read('xl/worksheets/sheet1.xml'))", path]
        let pipe = Pipe()
        unzip.standardOutput = pipe
        try unzip.run()
        let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        unzip.waitUntilExit()
        #expect(unzip.terminationStatus == 0)
        #expect(xml.contains(#"<c r="A1" t="inlineStr"><is><t>a_x0001_b</t></is></c>"#), "\(xml)")
        #expect(xml.contains(#"<c r="B1" t="inlineStr"><is><t>x&amp;y&lt;z&gt;</t></is></c>"#), "\(xml)")
        #expect(xml.contains(#"<c r="A2"><v>42</v></c><c r="AB2" t="inlineStr"><is><t>深圳</t></is></c>"#), "\(xml)")
    }

    /// The temporary files in memory or in the folder: the same workbook, byte for byte, and
    /// nothing left in the folder either way.
    @Test func memoryTemporaryFilesWriteTheSameWorkbook() throws {
        let folder = RunHarness.temporaryFolder("jgpipe-xlsx-memory")
        func write(_ name: String, memoryFileBytes: Int) throws -> [UInt8] {
            let path = folder + "/" + name
            let before = jg_xlsx_fix_calls()
            let workbook = try XlsxWorkbook(path: path, created: CalendarDate(year: 2024, month: 6, day: 1)!, title: "t",
                                            temporaryFolder: folder, memoryFileBytes: memoryFileBytes)
            for k in 0..<3 {
                let sheet = try workbook.addSheet("s\(k)", estimatedBytes: 1_000)
                for row in 0..<500 { try sheet.text(row, 0, "行\(row)"); try sheet.number(row, 1, Double(row)) }
            }
            try workbook.close()
            // lxw_tmpfile: a row file per sheet, then a copy of each and the other parts at close.
            #expect(jg_xlsx_fix_calls() - before >= 6 + 3000)
            return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let inMemory = try write("memory.xlsx", memoryFileBytes: XlsxWorkbook.memoryFileBytes)
        let inFolder = try write("folder.xlsx", memoryFileBytes: 0)
        let partly = try write("partly.xlsx", memoryFileBytes: 1_500)
        #expect(inMemory == inFolder && partly == inFolder)
        #expect(try RunHarness.outputFiles(folder).sorted() == ["folder.xlsx", "memory.xlsx", "partly.xlsx"])
    }
}
