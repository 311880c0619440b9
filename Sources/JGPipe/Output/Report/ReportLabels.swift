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
        "D1": "驾驶证换证与逾期注销",
        "D2": "驾驶证审验",
        "D3": "驾驶人体检（身体条件证明）",
        "D4": "拟申请恢复驾驶资格提示",
        "W1": "交通违法未处理提示",
        "W2": "罚款未缴纳提示",
        "W3": "委托处理非现场违法核查",
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
        "LICENCE_RENEWAL_DUE": "驾驶证即将到期换证",
        "LICENCE_RENEWAL_OVERDUE": "驾驶证已过期未换证",
        "LICENCE_REVIEW_DUE": "驾驶证待审验",
        "LICENCE_REVIEW_OVERDUE": "驾驶证审验逾期",
        "LICENCE_MEDICAL_DUE": "待提交身体条件证明",
        "LICENCE_MEDICAL_OVERDUE": "身体条件证明逾期",
        "RESTORATION_EXAMS_REDUCED": "恢复驾驶资格考试科目减少",
        "RESTORATION_SUBJECT1_ONLY": "考科目一即可恢复驾驶资格",
        "VIOLATIONS_UNPROCESSED": "交通违法未处理",
        "FINE_UNPAID": "罚款未缴纳",
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
        "UNKNOWN_VEHICLE": "机动车不存在（号牌号码与号牌种类）",
        "INVALID_NUMBER": "数值无效（记分或罚款金额）",
    ]

    static let datasets: [String: String] = [
        "units": "单位",
        "unit_accounts": "单位注册用户账号",
        "exam_enrollments": "注销恢复考试报名",
        "vehicles": "机动车",
        "driver_licences": "机动车驾驶证",
        "violations": "交通违法记录",
        "vehicle_users": "机动车备案用户",
        "notifications": "通知",
    ]

    /// Summary keys of the shared sections and the unit-account stage; a stage added later
    /// may add its own here, else its keys show as written (rule IDs still get their label).
    static let keys: [String: String] = [
        "skipped_datasets": "缺少的数据集（其阶段已跳过）",
        "ignored_files": "输入文件夹中未识别的文件（已忽略）",
        "total": "合计",
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
        "open": "正常（未关闭）",
        "closed": "已关闭",
        "cycle_end_set": "已有记分周期届满日",
        "notices_by_type": "按通知类型",
        "D1_cancellation_worklist": "D1 驾驶证待注销清单",
        "oldest_cancel_due_on": "最早应注销日期",
        "rows": "清单行数",
        "processed": "已处理",
        "unprocessed": "未处理",
        "ambiguous_plate_warnings": "号牌对应多辆机动车（警告，取第一辆）",
        "W1_vehicles_with_unprocessed": "W1 有未处理违法的机动车",
        "W2_unpaid_fines_yuan": "W2 未缴罚款合计（元）",
        "W3_authorisation_audit": "W3 违法处理核查清单",
        "by_finding": "按核查结果",
        "NOT_REGISTERED": "处理人未备案",
        "REVOKED_BEFORE_VIOLATION": "违法发生时备案已取消",
        "REGISTERED_AFTER_VIOLATION": "违法发生后才备案",
        "W3_audit": "W3 违法处理核查",
        // Header, datasets and conservation.
        "as_of": "运行日期 A",
        "cutover_date": "新措施实施日",
        "effective_date": "生效状态日 E",
        "tool_version": "版本",
        "datasets": "数据集",
        "input_records": "输入记录",
        "cleaned": "有效记录",
        "rejected": "拒绝记录",
        "collapsed_duplicates": "合并的重复记录",
        "conserved": "守恒",
        "rejected_by_code": "按错误代码拒绝",
        // Exams (SPEC §2): scopes, paths, reasons.
        "enrollments": "报名数",
        "restored": "恢复准驾车型",
        "auto_restore_C6": "自动恢复C6",
        "by_case": "按情形（E1–E4）",
        "by_path": "按考试路径",
        "by_scope": "按适用范围",
        "by_transition_rule": "按过渡规则",
        "full_path_reasons": "全科目考试的原因",
        "notices": "通知",
        "FULL": "全科目考试",
        "OPTIMIZED": "优化（减免科目）",
        "SUBJECT1_ONLY": "仅考科目一",
        "UNCHANGED": "不变",
        "LONG_OVERDUE": "逾期超过2年",
        "SHORT_OVERDUE": "逾期2年以内",
        "OUT_OF_SCOPE": "不在适用范围",
        "exclusion": "存在排除情形",
        "no_case": "不属于E1–E4情形",
        "requests_large_or_motorcycle": "申请大中型客货车或摩托车",
        // Vehicles (SPEC §3).
        "invalid_owner_phone_warnings": "所有人电话无效（警告，不拒绝）",
        "vin_check_fail_warnings": "VIN校验位不符（警告，不拒绝）",
        "V1_no_age_limit": "V1 无使用年限限制",
        "V1_scrap_on_set": "V1 已定强制报废日期",
        "V3_deregistration_worklist": "V3 注销工作清单",
        "V5_ecert_pilot_regions": "V5 电子行驶证试点地区",
        "cross_region": "跨地区报废",
        "overdue": "逾期未注销",
        "deregistration_worklist": "注销工作清单",
        "deregistration_cross_region": "注销清单：跨地区",
        "deregistration_overdue": "注销清单：逾期",
    ]

    /// Columns of per-detachment tables, totals first; keys not listed follow in name order.
    static let columnOrder: [String] = [
        "accounts", "active_after_cleanup", "removed_R1", "removed_R2", "removed_R3", "C3_no_legal_person",
        "enrollments", "restored", "LONG_OVERDUE", "SHORT_OVERDUE", "OUT_OF_SCOPE", "FULL", "OPTIMIZED",
        "SUBJECT1_ONLY", "UNCHANGED", "E1", "E2", "E3", "E4", "T1", "T2",
        "open", "closed", "deregistration_worklist", "deregistration_cross_region", "deregistration_overdue",
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
