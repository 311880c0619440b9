import Testing
@testable import JGPipe

@Suite struct TextTests {
    @Test func plainAsciiIsReturnedAsIs() {
        #expect(Text.normalize("abc 123") == "abc 123")
        #expect(Text.normalize("") == "")
        #expect(Text.normalize("A") == "A")
        #expect(Text.normalize("NULLS") == "NULLS")
        #expect(Text.normalize("\\N\\N") == "\\N\\N")
    }

    @Test func trimsAsciiWhitespaceAtBothEnds() {
        #expect(Text.normalize("  abc  ") == "abc")
        #expect(Text.normalize("\tabc\r\n") == "abc")
        #expect(Text.normalize(" a b ") == "a b")
        #expect(Text.normalize("   ") == "")
        #expect(Text.normalize("\r\n") == "")
    }

    @Test func ideographicSpaceIsTrimmedOrBecomesSpace() {
        #expect(Text.normalize("\u{3000}张三\u{3000}") == "张三")
        #expect(Text.normalize("张\u{3000}三") == "张 三")
        #expect(Text.normalize("\u{3000} \u{3000}") == "")
        #expect(Text.normalize("\u{3000}abc") == "abc")
    }

    @Test func fullWidthAsciiBecomesHalfWidth() {
        #expect(Text.normalize("１１０１０５") == "110105")
        #expect(Text.normalize("ＡＢＣｘｙｚ") == "ABCxyz")
        // First and last of the range, and the U+FF40 boundary of the second UTF-8 lead.
        #expect(Text.normalize("！～｀＿ＺＺ") == "!~`_ZZ")
        #expect(Text.normalize("２０２４－０６－０１") == "2024-06-01")
        #expect(Text.normalize("Ｃ１，Ｃ６") == "C1,C6")
        #expect(Text.normalize("粤Ａ·１２３４５") == "粤A·12345")
    }

    @Test func charactersOutsideTheFullWidthRangeAreKept() {
        #expect(Text.normalize("\u{FF5F}\u{FF00}\u{FF65}") == "\u{FF5F}\u{FF00}\u{FF65}")
        #expect(Text.normalize("、") == "、")
        #expect(Text.normalize("广州市天河区") == "广州市天河区")
        #expect(Text.normalize("é") == "é")
    }

    @Test func nullMarkersBecomeEmpty() {
        #expect(Text.normalize("NULL") == "")
        #expect(Text.normalize("null") == "")
        #expect(Text.normalize("Null") == "")
        #expect(Text.normalize("  NULL ") == "")
        #expect(Text.normalize("ＮＵＬＬ") == "")
        #expect(Text.normalize("\u{3000}null\u{3000}") == "")
        #expect(Text.normalize("\\N") == "")
        #expect(Text.normalize(" \\N ") == "")
        #expect(Text.normalize("＼Ｎ") == "")
        #expect(Text.normalize("\\n") == "\\n")
        #expect(Text.normalize("NUL") == "NUL")
    }

    @Test func normalizeCodeUpperCasesAsciiLetters() {
        #expect(Text.normalizeCode("11010519491231002x") == "11010519491231002X")
        #expect(Text.normalizeCode("ｍａ１ｆｌ") == "MA1FL")
        #expect(Text.normalizeCode(" c1c6 ") == "C1C6")
        #expect(Text.normalizeCode("ABC") == "ABC")
        #expect(Text.normalizeCode("粤a12345") == "粤A12345")
        #expect(Text.normalizeCode("null") == "")
        #expect(Text.normalizeCode("é") == "é")
    }

    @Test func nonNativeStringsAreHandled() {
        let bridged = String(Substring("xx  abc  xx").dropFirst(2).dropLast(2))
        #expect(Text.normalize(bridged) == "abc")
    }
}
