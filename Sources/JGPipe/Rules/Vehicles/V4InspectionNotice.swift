/// The full years of age at which an eligible vehicle applies for the inspection-exempt sticker
/// instead of an on-site inspection (SPEC §3 V4).
let exemptStickerAges: Set<Int> = [2, 4, 8]

/// Non-operating small and micro passenger cars (K3x, K4x with use nature A) and motorcycles (M,
/// whatever their use nature) are the vehicles the exempt sticker can apply to.
func isExemptStickerEligible(vehicleType: String, useNature: String) -> Bool {
    if vehicleType.hasPrefix("M") { return true }
    return useNature == "A" && (vehicleType.hasPrefix("K3") || vehicleType.hasPrefix("K4"))
}

/// V4 (SPEC §3; measure 七.二 精准导办 "机动车年检、申领免检标志"): an open vehicle whose inspection
/// validity ends in [E, E + noticeDays] is due, one whose validity ended before E is overdue. When the
/// vehicle is eligible and is 2, 4 or 8 full years old (from registered_on) on its due date
/// (inspection_valid_until), the to-do is the exempt sticker, in the window and after it alike;
/// otherwise it is the inspection. The notice's due_on is inspection_valid_until.
func applyV4(inspectionValidUntil: CalendarDate?, registeredOn: CalendarDate, vehicleType: String,
                        useNature: String, effective: CalendarDate, noticeDays: Int) -> NoticeType? {
    guard let due = inspectionValidUntil else { return nil }
    let overdue = due < effective
    guard overdue || due <= effective.adding(days: noticeDays) else { return nil }
    if isExemptStickerEligible(vehicleType: vehicleType, useNature: useNature),
       exemptStickerAges.contains(registeredOn.fullYears(until: due)) {
        return .exemptStickerDue
    }
    return overdue ? .inspectionOverdue : .inspectionDue
}

extension RuleWording {
    static let V4 = RuleWording(label: "检验提醒与免检标志", section: "七.二")
}
