import Testing
@testable import JGPipe

/// V4, judged on the as-of date A (SPEC §0). With A = 2024-07-01 and 30 days the window is
/// [2024-07-01, 2024-07-31]; with A = 2024-06-01 it is [2024-06-01, 2024-07-01].
@Suite("V4 inspection and exempt-sticker to-do")
struct V4InspectionNoticeTests {
    func notice(_ due: String?, registered: String = "2018-07-20", type: String = "K33", use: String = "A",
                asOf: CalendarDate = cutover, sticker: ExemptStickerRules = .defaults) -> NoticeType? {
        applyV4(inspectionValidUntil: due.map(day), registeredOn: day(registered), vehicleType: type,
                           useNature: use, asOf: asOf, noticeDays: 30, sticker: sticker)
    }

    // Registered 2018-07-20: 5 full years on 2024-06-30, 6 from 2024-07-20; neither 2, 4 nor 8.
    @Test("window edges for an inspection")
    func windowEdges() {
        #expect(notice("2024-06-30") == .inspectionOverdue)  // A − 1
        #expect(notice("2024-07-01") == .inspectionDue)      // A
        #expect(notice("2024-07-31") == .inspectionDue)      // A + 30
        #expect(notice("2024-08-01") == nil)                 // A + 31
        #expect(notice(nil) == nil)
    }

    @Test("a June run: a validity ending 06-30 is still ahead, so it is due, not overdue")
    func juneRun() {
        let june = day("2024-06-01")
        #expect(notice("2024-06-30", asOf: june) == .inspectionDue)      // E-based, this said INSPECTION_OVERDUE
        #expect(notice("2024-05-31", asOf: june) == .inspectionOverdue)  // A − 1: truly past
        #expect(notice("2024-07-01", asOf: june) == .inspectionDue)      // A + 30
        #expect(notice("2024-07-02", asOf: june) == nil)                 // A + 31
    }

    /// Validity until 2024-07-31 (in the window); registered on 15 July of 2024 − n, so the vehicle
    /// is n full years old on that date. (type, use, n, expected).
    static let ageCases: [(String, String, Int, NoticeType)] = [
        // Non-operating small car K33: sticker at 2, 4, 8; on site at 6 and 10.
        ("K33", "A", 2, .exemptStickerDue),
        ("K33", "A", 4, .exemptStickerDue),
        ("K33", "A", 6, .inspectionDue),
        ("K33", "A", 8, .exemptStickerDue),
        ("K33", "A", 10, .inspectionDue),
        // Micro car K43: the same.
        ("K43", "A", 2, .exemptStickerDue),
        // Small van K39: never exempt.
        ("K39", "A", 2, .inspectionDue),
        ("K39", "A", 4, .inspectionDue),
        ("K39", "A", 6, .inspectionDue),
        ("K39", "A", 8, .inspectionDue),
        ("K39", "A", 10, .inspectionDue),
        // Micro van K49.
        ("K49", "A", 4, .inspectionDue),
        // Motorcycle: sticker at 2 and 4 whatever its use; on site at 6; the cars' 8 is not its age.
        ("M21", "A", 2, .exemptStickerDue),
        ("M21", "A", 4, .exemptStickerDue),
        ("M21", "A", 6, .inspectionDue),
        ("M21", "A", 8, .inspectionDue),
        ("M11", "F", 2, .exemptStickerDue),
        // Not eligible at any age: operating small car, medium coach, truck.
        ("K33", "D", 2, .inspectionDue),
        ("K21", "A", 2, .inspectionDue),
        ("H31", "A", 2, .inspectionDue),
    ]

    @Test("full years on inspection_valid_until decide sticker or inspection", arguments: ageCases)
    func ages(_ c: (String, String, Int, NoticeType)) throws {
        let registered = "\(2024 - c.2)-07-15"
        #expect(day(registered).fullYears(until: day("2024-07-31")) == c.2)
        #expect(notice("2024-07-31", registered: registered, type: c.0, use: c.1) == c.3)
    }

    @Test("one day short of the anniversary is a year younger")
    func rounding() {
        // 2022-08-01 → 2024-07-31: 1 full year (the 2nd anniversary is 2024-08-01).
        #expect(notice("2024-07-31", registered: "2022-08-01") == .inspectionDue)
        // 2022-07-31 → 2024-07-31: exactly 2.
        #expect(notice("2024-07-31", registered: "2022-07-31") == .exemptStickerDue)
    }

    @Test("a sticker whose validity has passed is EXEMPT_STICKER_OVERDUE; an inspection INSPECTION_OVERDUE")
    func overdue() {
        // 2020-06-15 → 2024-06-30: 4 full years, before A = 07-01.
        #expect(notice("2024-06-30", registered: "2020-06-15") == .exemptStickerOverdue)
        // 2022-06-15 → 2024-06-30: 2 years, motorcycle.
        #expect(notice("2024-06-30", registered: "2022-06-15", type: "M21") == .exemptStickerOverdue)
        // 2018-06-15 → 2024-06-30: 6 years, on site.
        #expect(notice("2024-06-30", registered: "2018-06-15") == .inspectionOverdue)
        // A van of 4 years: on site.
        #expect(notice("2024-06-30", registered: "2020-06-15", type: "K39") == .inspectionOverdue)
        // The due sticker of the same car seen on an earlier night (A = 06-01: 06-30 is in the window).
        #expect(notice("2024-06-30", registered: "2020-06-15", asOf: day("2024-06-01")) == .exemptStickerDue)
    }

    @Test("[vehicles.exempt_sticker] settings change who and when")
    func settings() {
        let noVans = ExemptStickerRules(excludedVehicleTypes: [], carAges: [2, 4, 6], motorcycleAges: [2])
        // Age 6 becomes a sticker year; vans are no longer excluded; motorcycles only at 2.
        #expect(notice("2024-07-31", registered: "2018-07-15", sticker: noVans) == .exemptStickerDue)
        #expect(notice("2024-07-31", registered: "2022-07-15", type: "K39", sticker: noVans) == .exemptStickerDue)
        #expect(notice("2024-07-31", registered: "2020-07-15", type: "M21", sticker: noVans) == .inspectionDue)
        // An excluded prefix covers every type it starts: K3 excludes K33.
        let noSmallCars = ExemptStickerRules(excludedVehicleTypes: ["K3"], carAges: [2, 4, 8], motorcycleAges: [2, 4])
        #expect(notice("2024-07-31", registered: "2022-07-15", sticker: noSmallCars) == .inspectionDue)
        #expect(notice("2024-07-31", registered: "2022-07-15", type: "K43", sticker: noSmallCars) == .exemptStickerDue)
    }

    @Test("29 February registrations")
    func leapDay() {
        // 2020-02-29 → 2024-02-29: 4 full years.
        #expect(notice("2024-02-29", registered: "2020-02-29", asOf: day("2024-02-15")) == .exemptStickerDue)
        // 2020-02-29 → 2022-02-28: the anniversary falls on 28 February, 2 full years.
        #expect(notice("2022-02-28", registered: "2020-02-29", asOf: day("2022-02-20")) == .exemptStickerDue)
        // 2020-02-29 → 2022-02-27: 1 full year.
        #expect(notice("2022-02-27", registered: "2020-02-29", asOf: day("2022-02-20")) == .inspectionDue)
        // 2016-02-29 → 2024-02-28: the 8th anniversary is 2024-02-29, so 7 full years.
        #expect(notice("2024-02-28", registered: "2016-02-29", asOf: day("2024-02-20")) == .inspectionDue)
    }
}
