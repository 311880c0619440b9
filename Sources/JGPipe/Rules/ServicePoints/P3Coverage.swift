/// P3 (SPEC §9): each service a notice of this run sends a detachment's people to needs at least
/// one open, complete point of that detachment offering it; returns the services without one, in
/// the order of `[service_points] services`.
func coverageGaps(needed: Set<String>, offered: Set<String>, order: [String]) -> [String] {
    let missing = needed.subtracting(offered)
    return order.filter(missing.contains) + missing.subtracting(order).sorted()
}

extension RuleWording {
    static let P3 = RuleWording(label: "通知所涉业务的网点覆盖", section: "七.二")
}
