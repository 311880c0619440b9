/// W2 (SPEC §8; measure 七 缴款; 《中华人民共和国行政处罚法》: a fine is paid within 15 days of the
/// decision; 《中华人民共和国道路交通安全法》第一百零九条: after that, 3 % of the fine a day is added): a
/// processed violation with a fine above zero that is not paid gets FINE_UNPAID to its handler,
/// due on processed_at + `dueDays`. A decision dated after A is not told yet: on A it has not been
/// made (a notice must be true on the day it is sent; docs/rules/violations.md).
func applyW2(processedAt: DateTime?, fine: Money, paid: Bool, dueDays: Int, asOf: CalendarDate) -> CalendarDate? {
    guard let processedAt, processedAt.date <= asOf, fine > .zero, !paid else { return nil }
    return processedAt.date.adding(days: dueDays)
}

extension RuleWording {
    static let W2 = RuleWording(label: "罚款未缴纳提示", section: "七.二")
}
