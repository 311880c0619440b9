/// Chinese message templates, one per notice type; `{name}` placeholders are filled per notice.
/// The pipeline file's `[templates]` table replaces any of them.
public struct NoticeTemplates: Sendable {
    public static let defaults: [String: String] = [
        // 八、一: units are told before 20 June which accounts stop on 1 July.
        "UNIT_ACCOUNTS_CLEANUP":
            "【交管12123】{unit_name}：根据公安交管便民利企改革新措施，贵单位共{count}个单位注册用户账号不符合“每人每单位1个、每单位不超过10个、每人不超过3个单位”的规定，将于{disable_on}起停用。请于{due_on}前登录“交管12123”核对。",
        // 八、二: every unit account system needs its legal-person account.
        "UNIT_NO_LEGAL_PERSON":
            "【交管12123】{unit_name}：自{effective_on}起单位账号分为法人、管理员和普通用户。贵单位目前没有法人账号，请法定代表人通过“交管12123”注册单位法人账号。",
        // 五、二/三: applicants enrolled before the cutover are told which subjects they no longer need.
        "EXAM_SUBJECTS_WAIVED":
            "【交管12123】{applicant_name}：根据公安交管便民利企改革新措施，自{cutover_date}起，您报名的驾驶证注销恢复考试（报名编号{enrollment_id}）不再需要参加{subjects}考试，详情请登录“交管12123”查询。",
        // 五、三: applicants who booked subject 2 are told it is no longer needed from the cutover.
        "S2_BOOKING_NOT_NEEDED":
            "【交管12123】{applicant_name}：根据公安交管便民利企改革新措施，自{cutover_date}起，您报名的驾驶证注销恢复考试（报名编号{enrollment_id}）不再需要参加{subjects}考试。您已预约的科目二考试自{cutover_date}起无需参加，可登录“交管12123”取消预约。",
    ]

    private let templates: [String: String]

    public init(overrides: [String: String] = [:]) {
        templates = NoticeTemplates.defaults.merging(overrides) { _, new in new }
    }

    /// Fills `{key}` placeholders; an unknown placeholder is left as written so a typo shows.
    public func message(_ type: String, _ values: [String: String]) -> String {
        var text = templates[type] ?? type
        for (key, value) in values {
            text = text.replacing("{\(key)}", with: value)
        }
        return text
    }

    public func template(_ type: String) -> String? { templates[type] }
}
