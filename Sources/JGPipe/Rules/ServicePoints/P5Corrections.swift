/// P5 (SPEC §9; measure 七.一 及时处理群众纠错反馈): feedback not resolved on A (resolved_on empty
/// or after A) and received more than `feedbackDays` days before A is on the work list; returns
/// its days open (A − received_on), else nil.
func overdueFeedbackDays(receivedOn: CalendarDate, resolvedOn: CalendarDate?, feedbackDays: Int,
                         asOf: CalendarDate) -> Int? {
    if let resolvedOn, resolvedOn <= asOf { return nil }
    let open = Int(asOf.dayNumber - receivedOn.dayNumber)
    return open > feedbackDays ? open : nil
}

extension RuleWording {
    static let P5 = RuleWording(label: "纠错反馈及时处理", section: "七.一")
}
