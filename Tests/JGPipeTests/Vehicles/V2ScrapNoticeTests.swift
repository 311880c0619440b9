import Testing
@testable import JGPipe

/// V2, judged on the as-of date A (SPEC §0), with A = 2024-06-01 and 90 days: A + 29 = 06-30,
/// A + 60 = 07-31, A + 90 = 2024-08-30, A + 91 = 2024-08-31.
@Suite("V2 scrap notice")
struct V2ScrapNoticeTests {
    static let june = day("2024-06-01")

    static let cases: [(String?, NoticeType?)] = [
        ("2024-05-31", .scrapOverdue),   // A − 1
        ("2016-01-01", .scrapOverdue),
        ("2024-06-01", .scrapDueSoon),   // A itself
        ("2024-06-30", .scrapDueSoon),   // before the cutover E = 07-01, yet still ahead of A: not overdue
        ("2024-08-15", .scrapDueSoon),
        ("2024-08-30", .scrapDueSoon),   // A + 90
        ("2024-08-31", nil),             // A + 91
        ("2024-09-29", nil),             // E + 90 would have been in an E-based window
        (nil, nil),                      // no age limit
    ]

    @Test("window edges around A", arguments: cases)
    func window(_ c: (String?, NoticeType?)) {
        #expect(applyV2(scrapOn: c.0.map(day), asOf: Self.june, noticeDays: 90) == c.1)
    }

    @Test("scrap_notice_days moves the far edge")
    func noticeDays() {
        // A = 2024-07-01: A + 30 = 07-31.
        #expect(applyV2(scrapOn: day("2024-07-31"), asOf: cutover, noticeDays: 30) == .scrapDueSoon)
        #expect(applyV2(scrapOn: day("2024-08-01"), asOf: cutover, noticeDays: 30) == nil)
        #expect(applyV2(scrapOn: day("2024-07-01"), asOf: cutover, noticeDays: 0) == .scrapDueSoon)
    }
}
