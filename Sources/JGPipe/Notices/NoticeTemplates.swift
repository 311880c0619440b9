/// Chinese message templates, one per notice type (some types have a variant: see
/// `NoticeType.variantTemplateKeys`); `{name}` placeholders are filled per notice. Caps, dates and
/// subjects are always placeholders, never literals (SPEC §4 "Wording"), so a text cannot
/// disagree with the settings. The pipeline file's `[templates]` table replaces any of them.
public struct NoticeTemplates: Sendable {
    /// Every key of `NoticeType.allTemplateKeys`; a test keeps `pipelines/default.toml` equal.
    public static let defaults: [String: String] = [
        // 八、一: before the cutover, while the notice deadline is ahead: the caps, the count, the cutover, check by the deadline (due_on).
        "UNIT_ACCOUNTS_CLEANUP":
            "【交管12123】{unit_name}：根据公安交管便民利企改革新措施，自{cutover_date}起，每人在同一单位限注册{max_accounts_per_person_per_unit}个账号，每个单位不超过{max_accounts_per_unit}个，每人不超过{max_units_per_person}个单位（法人账号除外）。贵单位有{count}个单位注册用户账号不符合规定，届时将停用。请于{due_on}前登录“交管12123”核对。",
        // 八、一: before the cutover, the notice deadline passed: due_on is the cutover, named once.
        "UNIT_ACCOUNTS_CLEANUP_AFTER_DEADLINE":
            "【交管12123】{unit_name}：根据公安交管便民利企改革新措施，每人在同一单位限注册{max_accounts_per_person_per_unit}个账号，每个单位不超过{max_accounts_per_unit}个，每人不超过{max_units_per_person}个单位（法人账号除外）。贵单位有{count}个单位注册用户账号不符合规定，将于{due_on}起停用，请尽快登录“交管12123”核对。",
        // 八、一: on or after the cutover: the accounts were disabled on E (disable_on).
        "UNIT_ACCOUNTS_DISABLED":
            "【交管12123】{unit_name}：根据公安交管便民利企改革新措施，每人在同一单位限注册{max_accounts_per_person_per_unit}个账号，每个单位不超过{max_accounts_per_unit}个，每人不超过{max_units_per_person}个单位（法人账号除外）。贵单位有{count}个单位注册用户账号不符合规定，已于{disable_on}停用，详情请登录“交管12123”查看。",
        // 八、二: legal-person and admin accounts are registered at the local traffic-police window, not online.
        "UNIT_NO_LEGAL_PERSON":
            "【交管12123】{unit_name}：自{cutover_date}起，单位用户账号分为法人、管理员和普通用户三类。贵单位目前没有法人账号，请法定代表人先注册“交管12123”个人账号，再到属地公安交管部门业务窗口办理单位法人账号注册。",
        // 五、二/三: applicants enrolled before the cutover are told which subjects they no longer need (T1, T2).
        "EXAM_SUBJECTS_WAIVED":
            "【交管12123】{applicant_name}：根据公安交管便民利企改革新措施，自{cutover_date}起，您报名的驾驶证注销恢复考试（报名编号{enrollment_id}）不再需要参加{subjects}考试，详情请登录“交管12123”查询。",
        // 五、三: a subject-2 booking on or after the cutover (or with no date) is not needed.
        "S2_BOOKING_NOT_NEEDED":
            "【交管12123】{applicant_name}：根据公安交管便民利企改革新措施，自{cutover_date}起，您报名的驾驶证注销恢复考试（报名编号{enrollment_id}）不再需要参加{subjects}考试，您已预约的科目二考试无需参加，可登录“交管12123”取消预约。",
        // 五、三: a subject-2 booking before the cutover still stands under the old rule on its date; it may be cancelled.
        "S2_BOOKING_NOT_NEEDED_BEFORE_CUTOVER":
            "【交管12123】{applicant_name}：您报名的驾驶证注销恢复考试（报名编号{enrollment_id}）已预约{booked_on}的科目二考试，当日仍按原规定考试。新措施自{cutover_date}起实施，此后不再需要参加{subjects}考试，您也可登录“交管12123”取消该预约。",
        // 三.二.2: owners of vehicles close to the scrapping age are told to deregister (V2).
        "SCRAP_DUE_SOON":
            "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车将于{due_on}达到强制报废标准规定的使用年限，请及时交售报废机动车回收企业，并通过“交管12123”APP网上办理注销登记、下载机动车注销证明电子版。",
        // 三.二.2: the vehicle is past its scrapping age (V2).
        "SCRAP_OVERDUE":
            "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车已于{due_on}达到强制报废标准规定的使用年限，不得上道路行驶，请尽快交售报废机动车回收企业，并通过“交管12123”APP网上办理注销登记。",
        // 七.二: precise to-do guidance, 机动车年检 (V4).
        "INSPECTION_DUE":
            "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车检验有效期至{due_on}，请及时办理机动车年检。请打开“交管12123”APP“待办业务”查看办理流程、所需材料和服务网点。",
        // 七.二: 机动车年检, the inspection validity has ended (V4).
        "INSPECTION_OVERDUE":
            "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车检验有效期已于{due_on}届满，逾期未检验的机动车不得上道路行驶，请尽快办理机动车年检。请打开“交管12123”APP“待办业务”查看办理流程和服务网点。",
        // 七.二: 申领免检标志, for vehicles the exempt sticker applies to (V4).
        "EXEMPT_STICKER_DUE":
            "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车检验有效期至{due_on}，符合免予上线检验条件，请通过“交管12123”APP“待办业务”在线申领检验标志（免检标志）。",
        // 七.二: the sticker was not applied for in time: the exemption stays, but no driving until it is applied for; violations are settled first (V4).
        "EXEMPT_STICKER_OVERDUE":
            "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车检验有效期已于{due_on}届满，仍可免予上线检验，但申领检验标志前不得上道路行驶。请先处理完毕交通违法，再通过“交管12123”APP“待办业务”在线申领检验标志。",
        // 一.四.2: owners in the pilot cities are told how to apply for the electronic registration certificate (V5).
        "ECERT_AVAILABLE":
            "【交管12123】{owner_name}：自{effective_on}起，{you}名下号牌为{plate_no}的机动车可通过“交管12123”APP申领电子行驶证，全国范围内有效。上道路行驶仍应随车携带纸质行驶证。",
        // 七 换证 (D1): the licence expires within the renewal window.
        "LICENCE_RENEWAL_DUE":
            "【交管12123】{holder_name}：您的机动车驾驶证有效期至{valid_until}，可在有效期满前{renewal_notice_days}日内申请换证，请通过“交管12123”APP“待办业务”网上办理。",
        // 七 换证 (D1): expired; cancelled when more than one year past the expiry.
        "LICENCE_RENEWAL_OVERDUE":
            "【交管12123】{holder_name}：您的机动车驾驶证有效期已于{valid_until}届满，不得驾驶机动车。请于{due_on}前申请换证，超过有效期一年以上未换证的，驾驶证将被注销。请通过“交管12123”APP“待办业务”办理。",
        // 七 审验 (D2): review within 30 days after the scoring cycle ends.
        "LICENCE_REVIEW_DUE":
            "【交管12123】{holder_name}：您的机动车驾驶证（准驾车型{classes}）记分周期于{cycle_end}结束，请于{due_on}前接受审验。请打开“交管12123”APP“待办业务”查看办理流程。",
        "LICENCE_REVIEW_OVERDUE":
            "【交管12123】{holder_name}：您的机动车驾驶证（准驾车型{classes}）记分周期已于{cycle_end}结束，审验期限{due_on}已过，请尽快到公安机关交通管理部门接受审验。",
        // 七 体检 (D3): the yearly medical certificate within 30 days after the scoring cycle ends.
        "LICENCE_MEDICAL_DUE":
            "【交管12123】{holder_name}：您的机动车驾驶证记分周期于{cycle_end}结束，请于{due_on}前提交医疗机构出具的身体条件证明，可通过“交管12123”APP网上提交。",
        "LICENCE_MEDICAL_OVERDUE":
            "【交管12123】{holder_name}：您的机动车驾驶证记分周期已于{cycle_end}结束，提交身体条件证明的期限{due_on}已过，请尽快提交，可通过“交管12123”APP网上提交。",
        // 五.三 (D4): a licence cancelled for overdue renewal more than three years ago.
        "RESTORATION_EXAMS_REDUCED":
            "【交管12123】{holder_name}：您的机动车驾驶证因超过有效期一年以上未换证被注销。根据公安交管便民利企改革新措施，自{cutover_date}起，申请恢复小型汽车准驾车型驾驶资格只需参加{subjects}考试，详情请登录“交管12123”查询。",
        // 五.三 (D4): within three years of the expiry, subject 1 alone restores the licence.
        "RESTORATION_SUBJECT1_ONLY":
            "【交管12123】{holder_name}：您的机动车驾驶证因超过有效期一年以上未换证被注销。{due_on}前申请恢复驾驶资格的，只需参加{subjects}考试，请及时通过“交管12123”APP报名。",
        // 七 交通违法处理 (W1): one notice per vehicle with its unprocessed violations in total.
        "VIOLATIONS_UNPROCESSED":
            "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车有{count}起交通违法未处理（最早一起发生于{oldest_on}），共记{points}分、罚款{fines}元，请及时通过“交管12123”APP或到公安机关交通管理部门处理。",
        // 七 缴款 (W2): an unpaid fine, due 15 days after processing, 3 % a day after that.
        "FINE_UNPAID":
            "【交管12123】{handler_name}：您处理的号牌为{plate_no}的机动车交通违法（编号{violation_id}）罚款{fine}元尚未缴纳，请于{due_on}前通过“交管12123”APP缴款；逾期不缴纳的，每日按罚款数额的{late_fee_percent}%加处罚款。",
    ]

    private let templates: [String: String]
    /// Each template split once into text and `{placeholder}` parts: a night may fill millions.
    private let compiled: [String: [Part]]

    private enum Part: Sendable {
        case text(String)
        case placeholder(String)
    }

    public init(overrides: [String: String] = [:]) {
        templates = NoticeTemplates.defaults.merging(overrides) { _, new in new }
        compiled = templates.mapValues(NoticeTemplates.compile)
    }

    /// Fills `{key}` placeholders; an unknown placeholder is left as written so a typo shows.
    public func message(_ type: String, _ values: [String: String]) -> String {
        message(type) { values[$0] }
    }

    /// Fills `{key}` placeholders with `value(key)`: for callers that fill many messages, a
    /// switch over the keys costs less than a dictionary per message.
    public func message(_ type: String, value: (String) -> String?) -> String {
        guard let parts = compiled[type] else { return type }
        var text = ""
        for part in parts {
            switch part {
            case let .text(literal): text += literal
            case let .placeholder(key): text += value(key) ?? "{\(key)}"
            }
        }
        return text
    }

    private static func compile(_ template: String) -> [Part] {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }

    public func template(_ type: String) -> String? { templates[type] }
}
