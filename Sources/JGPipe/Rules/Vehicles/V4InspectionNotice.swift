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

extension NoticeWording {
    /// 七.二: precise to-do guidance, 机动车年检 (V4).
    static let inspectionDue = NoticeWording(
        "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车检验有效期至{due_on}，请及时办理机动车年检。请打开“交管12123”APP“待办业务”查看办理流程、所需材料和服务网点。",
        placeholders: vehiclePlaceholders)

    /// 七.二: 机动车年检, the inspection validity has ended (V4).
    static let inspectionOverdue = NoticeWording(
        "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车检验有效期已于{due_on}届满，逾期未检验的机动车不得上道路行驶，请尽快办理机动车年检。请打开“交管12123”APP“待办业务”查看办理流程和服务网点。",
        placeholders: vehiclePlaceholders)

    /// 七.二: 申领免检标志, for vehicles the exempt sticker applies to (V4).
    static let exemptStickerDue = NoticeWording(
        "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车检验有效期至{due_on}，符合免予上线检验条件，请通过“交管12123”APP“待办业务”在线申领检验标志（免检标志）。",
        placeholders: vehiclePlaceholders)

    /// 七.二: the sticker was not applied for in time: the exemption stays, but no driving until it is applied for; violations are settled first (V4).
    static let exemptStickerOverdue = NoticeWording(
        "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车检验有效期已于{due_on}届满，仍可免予上线检验，但申领检验标志前不得上道路行驶。请先处理完毕交通违法，再通过“交管12123”APP“待办业务”在线申领检验标志。",
        placeholders: vehiclePlaceholders)
}
