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

extension NoticeWording {
    /// 七 缴款 (W2): an unpaid fine, due 15 days after processing, 3 % a day after that.
    static let fineUnpaid = NoticeWording(
        "【交管12123】{handler_name}：您处理的号牌为{plate_no}的机动车交通违法（编号{violation_id}）罚款{fine}元尚未缴纳，请于{due_on}前通过“交管12123”APP缴款；逾期不缴纳的，每日按罚款数额的{late_fee_percent}%加处罚款。",
        placeholders: ["handler_name", "plate_no", "violation_id", "fine", "due_on", "fine_due_days", "late_fee_percent"])
}
