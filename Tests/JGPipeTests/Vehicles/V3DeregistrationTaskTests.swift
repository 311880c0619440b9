import Testing
@testable import JGPipe

@Suite("V3 deregistration work list")
struct V3DeregistrationTaskTests {
    static let guangzhou = try! RegionCode("440106")

    func task(_ received: String?, scrapRegion: String? = "440113") -> DeregistrationTask? {
        applyV3(scrapReceivedOn: received.map(day), scrapRegion: scrapRegion.map { try! RegionCode($0) },
                             region: Self.guangzhou, effective: cutover)
    }

    @Test("no scrap information, no task")
    func none() {
        #expect(task(nil) == nil)
    }

    @Test("due the day after the scrap information arrives; overdue only when E is past it")
    func dueAndOverdue() {
        // received 06-29 → due 06-30 < E → overdue
        #expect(task("2024-06-29") == DeregistrationTask(dueOn: day("2024-06-30"), crossRegion: false, overdue: true))
        // received 06-30 → due 07-01 = E → not overdue (E > due_on is false)
        #expect(task("2024-06-30") == DeregistrationTask(dueOn: day("2024-07-01"), crossRegion: false, overdue: false))
        #expect(task("2024-07-01") == DeregistrationTask(dueOn: day("2024-07-02"), crossRegion: false, overdue: false))
        // month and year ends
        #expect(task("2023-12-31")?.dueOn == day("2024-01-01"))
        #expect(task("2024-02-28")?.dueOn == day("2024-02-29"))
    }

    @Test("cross region compares the first four digits")
    func crossRegion() {
        #expect(task("2024-06-30", scrapRegion: "440305")?.crossRegion == true)   // Shenzhen vs Guangzhou
        #expect(task("2024-06-30", scrapRegion: "310101")?.crossRegion == true)   // Shanghai
        #expect(task("2024-06-30", scrapRegion: "440113")?.crossRegion == false)  // another Guangzhou district
        #expect(task("2024-06-30", scrapRegion: "440106")?.crossRegion == false)
        #expect(task("2024-06-30", scrapRegion: nil)?.crossRegion == false)      // unknown: same region
    }
}
