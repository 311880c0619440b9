/// P1 (SPEC §9; measure 七.一: 全面、准确采集网点位置、办公时间、业务范围、窗口指引): each missing or invalid
/// field of an open point is a gap, found as the row is read (`ServicePointValidator.validate`):
/// a required field empty, a kind or service code not in `[service_points]`, coordinates outside
/// China's extent, hours that do not parse (`OpeningHours`), no window guide at a point with a
/// hall, a phone that is no phone. A point is complete when it has none.
extension RuleWording {
    static let P1 = RuleWording(label: "服务网点信息完整性", section: "七.一")
}
