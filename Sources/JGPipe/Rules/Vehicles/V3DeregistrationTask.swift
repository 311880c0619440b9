/// One row of `vehicles.deregistration_worklist.csv`.
struct DeregistrationTask: Equatable {
    let dueOn: CalendarDate
    /// The vehicle was scrapped outside its registration city (first four region digits differ).
    let crossRegion: Bool
    /// A > due_on.
    let overdue: Bool
    /// max(0, A − due_on) in days.
    let daysOverdue: Int
}

/// V3 (SPEC §3; measure 三.三.2 "登记地车辆管理所应当自接到机动车报废信息之日起一日内办理注销登记"),
/// judged on the as-of date A (SPEC §0): an open vehicle whose scrap information has reached the
/// registration office is to be deregistered by the day after; overdue when A is past that day, by
/// A − due_on days. A missing scrap region cannot show another city, so it counts as the same region.
func applyV3(scrapReceivedOn: CalendarDate?, scrapRegion: RegionCode?, region: RegionCode,
                          asOf: CalendarDate) -> DeregistrationTask? {
    guard let scrapReceivedOn else { return nil }
    let dueOn = scrapReceivedOn.adding(days: 1)
    let late = Int(asOf.dayNumber) - Int(dueOn.dayNumber)
    return DeregistrationTask(dueOn: dueOn,
                              crossRegion: scrapRegion.map { $0.prefix4 != region.prefix4 } ?? false,
                              overdue: late > 0, daysOverdue: max(0, late))
}

extension RuleWording {
    static let V3 = RuleWording(label: "报废注销待办", section: "三.三")
}
