/// V5 (SPEC §3; measure 一 推行机动车行驶证电子化, 一.四.2 "精准提示告知"): an open vehicle registered in
/// a pilot city (a 4-digit prefix of `[vehicles] ecert_pilot_regions`) is told once that it can
/// apply for the electronic registration certificate.
func applyV5(region: RegionCode, pilotPrefixes: Set<String>) -> Bool {
    pilotPrefixes.contains(String(region.prefix4))
}

extension RuleWording {
    static let V5 = RuleWording(label: "电子行驶证", section: "一.四")
}

extension NoticeWording {
    /// 一.四.2: owners in the pilot cities are told how to apply for the electronic registration certificate (V5).
    static let ecertAvailable = NoticeWording(
        "【交管12123】{owner_name}：自{effective_on}起，{you}名下号牌为{plate_no}的机动车可通过“交管12123”APP申领电子行驶证，全国范围内有效。上道路行驶仍应随车携带纸质行驶证。",
        placeholders: vehiclePlaceholders)
}
