import Testing
@testable import JGPipe

/// V4 with E = 2024-07-01 and 30 days: the window is [2024-07-01, 2024-07-31].
@Suite("V4 inspection and exempt-sticker to-do")
struct V4InspectionNoticeTests {
    func notice(_ due: String?, registered: String = "2018-07-20", type: String = "K33", use: String = "A",
                effective: CalendarDate = cutover) -> NoticeType? {
        applyV4(inspectionValidUntil: due.map(day), registeredOn: day(registered), vehicleType: type,
                           useNature: use, effective: effective, noticeDays: 30)
    }

    // Registered 2018-07-20: 5 full years on 2024-06-30, 6 from 2024-07-20; neither 2, 4 nor 8.
    @Test("window edges for an inspection")
    func windowEdges() {
        #expect(notice("2024-06-30", registered: "2018-07-20") == .inspectionOverdue)  // E − 1
        #expect(notice("2024-07-01") == .inspectionDue)                              // E
        #expect(notice("2024-07-31") == .inspectionDue)                              // E + 30
        #expect(notice("2024-08-01") == nil)                                         // E + 31
        #expect(notice(nil) == nil)
    }

    /// Non-operating small car; full years on the due date 2024-07-31 from the registration date.
    static let ageCases: [(String, Int, NoticeType)] = [
        ("2022-07-31", 2, .exemptStickerDue),
        ("2022-07-15", 2, .exemptStickerDue),
        ("2022-08-01", 1, .inspectionDue),
        ("2020-07-10", 4, .exemptStickerDue),
        ("2018-07-20", 6, .inspectionDue),
        ("2016-07-05", 8, .exemptStickerDue),
        ("2014-07-05", 10, .inspectionDue),
    ]

    @Test("age 2, 4 and 8 at the due date means the exempt sticker; 1, 6 and 10 the inspection", arguments: ageCases)
    func ages(_ c: (String, Int, NoticeType)) {
        #expect(day(c.0).fullYears(until: day("2024-07-31")) == c.1)
        #expect(notice("2024-07-31", registered: c.0) == c.2)
    }

    @Test("an overdue sticker is still the sticker")
    func overdueSticker() {
        // 2020-06-15 → 2024-06-30: 4 full years, before E.
        #expect(notice("2024-06-30", registered: "2020-06-15") == .exemptStickerDue)
    }

    @Test("only non-operating K3x/K4x cars and motorcycles can get the sticker")
    func eligibility() {
        #expect(notice("2024-07-31", registered: "2022-07-15", type: "K43") == .exemptStickerDue)
        #expect(notice("2024-07-31", registered: "2022-07-15", type: "K33", use: "D") == .inspectionDue)
        #expect(notice("2024-07-31", registered: "2022-07-15", type: "K21") == .inspectionDue)
        #expect(notice("2024-07-31", registered: "2022-07-15", type: "H31") == .inspectionDue)
        #expect(notice("2024-07-31", registered: "2020-07-10", type: "M21") == .exemptStickerDue)
        #expect(notice("2024-07-31", registered: "2020-07-10", type: "M11", use: "F") == .exemptStickerDue)
        #expect(notice("2024-07-31", registered: "2018-07-20", type: "M21") == .inspectionDue)
    }

    @Test("29 February registrations")
    func leapDay() {
        // 2020-02-29 → 2024-02-29: 4 full years.
        #expect(notice("2024-02-29", registered: "2020-02-29", effective: day("2024-02-15")) == .exemptStickerDue)
        // 2020-02-29 → 2022-02-28: the anniversary falls on 28 February, 2 full years.
        #expect(notice("2022-02-28", registered: "2020-02-29", effective: day("2022-02-20")) == .exemptStickerDue)
        // 2020-02-29 → 2022-02-27: 1 full year.
        #expect(notice("2022-02-27", registered: "2020-02-29", effective: day("2022-02-20")) == .inspectionDue)
        // 2016-02-29 → 2024-02-28: the 8th anniversary is 2024-02-29, so 7 full years.
        #expect(notice("2024-02-28", registered: "2016-02-29", effective: day("2024-02-20")) == .inspectionDue)
    }
}
