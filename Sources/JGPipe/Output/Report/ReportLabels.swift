/// Chinese labels the report shows beside rule IDs, notice types, error codes and datasets.
/// Anything without a label is shown by its key alone, so later stages render without edits.
enum ReportLabels {
    /// Rule IDs of the SPEC with the measure's wording (八 R/C, 五 E/T, 一·三·七 V).
    static let rules: [String: String] = [
        "R1": "每人每单位一个账号",
        "R2": "每单位不超过10个账号",
        "R3": "每人不超过3个单位（法人账号除外）",
        "C1": "账号类型转换（法人/普通用户）",
        "C2": "补换领牌证权限",
        "C3": "单位应有法人账号",
        "E1": "小型汽车驾驶证恢复原准驾车型",
        "E2": "大中型客货车驾驶证恢复小型汽车",
        "E3": "含C6驾驶证恢复小型汽车",
        "E4": "含C6驾驶证恢复C1/C2+C6",
        "T1": "过渡：不再考科目二和科目三安全文明常识",
        "T2": "过渡：不再考科目三安全文明常识",
        "V1": "强制报废年限",
        "V2": "报废提醒",
        "V3": "报废注销待办",
        "V4": "检验提醒与免检标志",
        "V5": "电子行驶证",
    ]

    static let noticeTypes: [String: String] = [
        "UNIT_ACCOUNTS_CLEANUP": "单位账号清理告知",
        "UNIT_NO_LEGAL_PERSON": "单位无法人账号",
        "S2_BOOKING_NOT_NEEDED": "无需再预约科目二",
        "EXAM_SUBJECTS_WAIVED": "考试科目减免",
        "SCRAP_DUE_SOON": "临近强制报废",
        "SCRAP_OVERDUE": "已超强制报废期",
        "INSPECTION_DUE": "检验即将到期",
        "INSPECTION_OVERDUE": "检验已逾期",
        "EXEMPT_STICKER_DUE": "可申领免检标志",
        "EXEMPT_STICKER_OVERDUE": "免检标志逾期未申领",
        "ECERT_AVAILABLE": "可申领电子行驶证",
    ]

    static let errorCodes: [String: String] = [
        "FIELD_COUNT": "字段个数与表头不符",
        "MISSING_FIELD": "必填字段为空",
        "INVALID_ID": "证件号码无效",
        "INVALID_CREDIT_CODE": "统一社会信用代码无效",
        "INVALID_DATE": "日期无效",
        "INVALID_CODE": "代码值不在列表内",
        "INVALID_CLASS": "准驾车型无效",
        "INVALID_PLATE": "号牌号码无效",
        "INVALID_VIN": "车辆识别代号无效",
        "INVALID_REGION": "行政区划无效",
        "UNKNOWN_UNIT": "单位不存在",
        "DUPLICATE_KEY": "主键重复且内容不同",
    ]

    static let datasets: [String: String] = [
        "units": "单位",
        "unit_accounts": "单位注册用户账号",
        "exam_enrollments": "注销恢复考试报名",
        "vehicles": "机动车",
        "notifications": "通知",
    ]

    /// Summary keys of the shared sections and the unit-account stage; a stage added later
    /// may add its own here, else its keys show as written (rule IDs still get their label).
    static let keys: [String: String] = [
        "total": "通知合计",
        "unreachable_no_phone": "无手机号（无法短信送达）",
        "written": "本次写入 notifications.csv",
        "suppressed_already_published": "此前已发布，本次不重复",
        "by_type": "按通知类型",
        "by_detachment": "按支队",
        "invalid_contact_phone_warnings": "联系电话无效（警告，不拒绝）",
        "active_before_cleanup": "清理前正常账号",
        "removed_total": "清理停用合计",
        "removed_by_rule": "按规则清理停用",
        "active_after_cleanup": "清理后正常账号",
        "accounts": "账号数",
        "converted": "账号转换",
        "C1_legal_person": "C1 空类型转为法人账号",
        "C1_ordinary": "C1 空类型转为普通用户",
        "C2_permit_Y": "C2 授予补换领牌证权限",
        "C2_permit_N": "C2 不授予补换领牌证权限",
        "C3_no_legal_person": "C3 无法人账号的单位",
        "C3_units_without_legal_person": "C3 无法人账号的单位",
        "C3_units_with_several_legal_persons": "C3 有多个法人账号的单位（警告）",
        "V2_V3_V4_judged_on": "V2–V4 判定日（运行日期 A）",
        "V5_effective_on": "V5 生效状态日 E",
        "closed_statuses": "视为已注销/转出的机动车状态",
        "days_overdue_max": "最长逾期天数",
    ]

    /// The Chinese label of a summary key: an exact match, else the rule a key names
    /// (`R1`, `C1_legal_person`, `removed_R2`), else nil.
    static func label(_ key: String) -> String? {
        if let label = keys[key] ?? noticeTypes[key] ?? errorCodes[key] ?? datasets[key] ?? rules[key] { return label }
        for part in key.split(separator: "_") where part.count == 2 {
            if let label = rules[String(part)] { return label }
        }
        return nil
    }
}
