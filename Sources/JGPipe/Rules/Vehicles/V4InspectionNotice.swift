/// V4 (SPEC §3; measure 七.二 精准导办 "机动车年检、申领免检标志"), judged on the as-of date A (SPEC §0:
/// the message must be true on the day it goes out): an open vehicle whose inspection validity
/// ends in [A, A + noticeDays] is due, one whose validity ended before A is overdue. A vehicle that
/// is, on inspection_valid_until, a number of full years old (from registered_on; 29 February →
/// 28 February) listed for it by `ExemptStickerRules` gets the sticker to-do, due or overdue —
/// an overdue one keeps the exemption but drives without a valid sticker until it applies; every
/// other vehicle the inspection. The notice's due_on is inspection_valid_until.
func applyV4(inspectionValidUntil: CalendarDate?, registeredOn: CalendarDate, vehicleType: String,
                        useNature: String, asOf: CalendarDate, noticeDays: Int,
                        sticker: ExemptStickerRules) -> NoticeType? {
    guard let due = inspectionValidUntil else { return nil }
    let overdue = due < asOf
    guard overdue || due <= asOf.adding(days: noticeDays) else { return nil }
    if sticker.ages(vehicleType: vehicleType, useNature: useNature).contains(registeredOn.fullYears(until: due)) {
        return overdue ? .exemptStickerOverdue : .exemptStickerDue
    }
    return overdue ? .inspectionOverdue : .inspectionDue
}

extension RuleWording {
    static let V4 = RuleWording(label: "检验提醒与免检标志", section: "七.二")
}
