/// V2 (SPEC §3; measure 三.二.2 "对临近报废期限的机动车加强告知"), judged on the as-of date A (SPEC §0):
/// an open vehicle whose scrap date lies in [A, A + noticeDays] is told it is due soon; one whose
/// scrap date is before A, that it is overdue. The notice's due_on is the scrap date.
func applyV2(scrapOn: CalendarDate?, asOf: CalendarDate, noticeDays: Int) -> NoticeType? {
    guard let scrapOn else { return nil }
    if scrapOn < asOf { return .scrapOverdue }
    return scrapOn <= asOf.adding(days: noticeDays) ? .scrapDueSoon : nil
}

extension RuleWording {
    static let V2 = RuleWording(label: "报废提醒", section: "三.二")
}
