import Testing
@testable import JGPipe

/// V3, judged on the as-of date A (SPEC §0): due_on = scrap_received_on + 1, overdue when
/// A > due_on, days_overdue = max(0, A − due_on).
@Suite("V3 deregistration work list")
struct V3DeregistrationTaskTests {
    func task(_ received: String?, scrapRegion: String? = "440113", asOf: CalendarDate = cutover) throws -> DeregistrationTask? {
        applyV3(scrapReceivedOn: received.map(day), scrapRegion: try scrapRegion.map { try RegionCode($0) },
                             region: try RegionCode("440106"), asOf: asOf)
    }

    @Test("no scrap information, no task")
    func none() throws {
        #expect(try task(nil) == nil)
    }

    @Test("due the day after the scrap information arrives; overdue only when A is past it")
    func dueAndOverdue() throws {
        // A = 07-01. received 06-29 → due 06-30; A − due = 1 → overdue by 1 day
        #expect(try task("2024-06-29") == DeregistrationTask(dueOn: day("2024-06-30"), crossRegion: false, overdue: true,
                                                            daysOverdue: 1))
        // received 06-30 → due 07-01 = A → not overdue (A > due_on is false), 0 days
        #expect(try task("2024-06-30") == DeregistrationTask(dueOn: day("2024-07-01"), crossRegion: false, overdue: false,
                                                            daysOverdue: 0))
        // received 07-01 → due 07-02, after A: max(0, −1) = 0
        #expect(try task("2024-07-01") == DeregistrationTask(dueOn: day("2024-07-02"), crossRegion: false, overdue: false,
                                                            daysOverdue: 0))
        // received 2023-12-31 → due 2024-01-01; 2024-01-01 → 07-01 is 31+29+31+30+31+30 = 182 days
        #expect(try task("2023-12-31")?.daysOverdue == 182)
        #expect(try task("2024-02-28")?.dueOn == day("2024-02-29"))
    }

    /// The same task (scrap information received 2024-06-20, due 2024-06-21) on a June and on a
    /// July night: judged on A, not on E = 2024-07-01, so June nights are not overdue until the 22nd.
    static let nights: [(String, Bool, Int)] = [
        ("2024-06-20", false, 0),   // the day it arrived
        ("2024-06-21", false, 0),   // the due day itself (E-based, this night said overdue)
        ("2024-06-22", true, 1),    // one day late
        ("2024-06-30", true, 9),    // 06-21 → 06-30
        ("2024-07-03", true, 12),   // 9 days to 06-30 + 3 days of July
    ]

    @Test("a June and a July run of the same task", arguments: nights)
    func juneAndJuly(_ night: (String, Bool, Int)) throws {
        let t = try #require(try task("2024-06-20", asOf: day(night.0)))
        #expect(t.dueOn == day("2024-06-21"))
        #expect(t.overdue == night.1)
        #expect(t.daysOverdue == night.2)
    }

    @Test("cross region compares the first four digits")
    func crossRegion() throws {
        #expect(try task("2024-06-30", scrapRegion: "440305")?.crossRegion == true)   // Shenzhen vs Guangzhou
        #expect(try task("2024-06-30", scrapRegion: "310101")?.crossRegion == true)   // Shanghai
        #expect(try task("2024-06-30", scrapRegion: "440113")?.crossRegion == false)  // another Guangzhou district
        #expect(try task("2024-06-30", scrapRegion: "440106")?.crossRegion == false)
        #expect(try task("2024-06-30", scrapRegion: nil)?.crossRegion == false)      // unknown: same region
    }
}
