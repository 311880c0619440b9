/// V5 (SPEC §3; measure 一 推行机动车行驶证电子化, 一.四.2 "精准提示告知"): an open vehicle registered in
/// a pilot city (a 4-digit prefix of `[vehicles] ecert_pilot_regions`) is told once that it can
/// apply for the electronic registration certificate.
func applyV5(region: RegionCode, pilotPrefixes: Set<String>) -> Bool {
    pilotPrefixes.contains(String(region.prefix4))
}

extension RuleWording {
    static let V5 = RuleWording(label: "电子行驶证", section: "一.四")
}
