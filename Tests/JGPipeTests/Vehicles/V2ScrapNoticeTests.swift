import Testing
@testable import JGPipe

/// V2 with E = 2024-07-01 and 90 days: E + 90 = 2024-09-29 (30 days to 31 July, 31 to 31 August,
/// 29 more into September), E + 91 = 2024-09-30.
@Suite("V2 scrap notice")
struct V2ScrapNoticeTests {
    static let cases: [(String?, NoticeType?)] = [
        ("2024-06-30", .scrapOverdue),   // E − 1
        ("2016-01-01", .scrapOverdue),
        ("2024-07-01", .scrapDueSoon),   // E itself
        ("2024-08-15", .scrapDueSoon),
        ("2024-09-29", .scrapDueSoon),   // E + 90
        ("2024-09-30", nil),             // E + 91
        (nil, nil),                      // no age limit
    ]

    @Test("window edges", arguments: cases)
    func window(_ c: (String?, NoticeType?)) {
        #expect(applyV2(scrapOn: c.0.map(day), effective: cutover, noticeDays: 90) == c.1)
    }

    @Test("scrap_notice_days moves the far edge")
    func noticeDays() {
        #expect(applyV2(scrapOn: day("2024-07-31"), effective: cutover, noticeDays: 30) == .scrapDueSoon)
        #expect(applyV2(scrapOn: day("2024-08-01"), effective: cutover, noticeDays: 30) == nil)
        #expect(applyV2(scrapOn: day("2024-07-01"), effective: cutover, noticeDays: 0) == .scrapDueSoon)
    }
}
