/// Chinese labels the report shows beside rule IDs, notice types, error codes and datasets.
/// Anything without a label is shown by its key alone, so later stages render without edits.
enum ReportLabels {
    /// Rule IDs of the SPEC with the measure's wording: each rule's file owns its label.
    static let rules: [String: String] = Dictionary(uniqueKeysWithValues: RuleID.allCases.map { ($0.rawValue, $0.label) })

    static let noticeTypes: [String: String] = Dictionary(uniqueKeysWithValues: NoticeType.allCases.map {
        ($0.rawValue, $0.label)
    })

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
        "UNKNOWN_POINT": "服务网点不存在（网点编号）",
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
        "service_points": "服务网点",
        "service_point_feedback": "服务网点纠错反馈",
        "notifications": "通知",
    ]

    /// Summary keys of the shared sections and the unit-account stage; a stage added later
    /// may add its own here, else its keys show as written (rule IDs still get their label).
    static let keys: [String: String] = [
        "skipped_datasets": "缺少的数据集（其阶段已跳过）",
        // Service points (SPEC §9).
        "points": "网点数",
        "complete": "信息完整（P1）",
        "verified": "已核查（P2）",
        "P1_gaps": "P1 缺失或错误的字段",
        "P2_verification_overdue": "P2 逾期未核查",
        "P3_coverage_gaps": "P3 通知所涉业务无网点",
        "P5_feedback_overdue": "P5 逾期未处理的纠错反馈",
        "gaps_by_field": "按字段",
        "ignored_files": "输入文件夹中未识别的文件（已忽略）",
        "total": "合计",
        "not_sms_reachable": "非手机号码（无法短信送达）",
        "not_sms_reachable_by_type": "无法短信送达：按通知类型",
        "not_sms_reachable_by_detachment": "无法短信送达：按支队",
        "by_phone_kind": "按号码类型",
        "mobile": "手机",
        "landline": "固定电话",
        "invalid": "号码无效",
        "empty": "无号码",
        "suppressed_published_by_older_version": "旧版本已发布，本次不重复",
        "caps": "清理上限",
        "max_accounts_per_person_per_unit": "每人每单位账号数上限",
        "max_accounts_per_unit": "每单位账号数上限",
        "max_units_per_person": "每人注册单位数上限",
        "R2_reading": "R2 口径",
        "written": "本次写入 notifications.csv",
        "suppressed_already_published": "此前已发布，本次不重复",
        "ledger": "使用运行台账（--state；否则全部写出）",
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
        "cancellation_worklist": "驾驶证待注销清单（第七十九条）",
        "by_reason": "按注销原因",
        "overdue_renewal": "超过有效期一年以上未换证（第八项）",
        "no_medical_certificate": "未按期提交身体条件证明（第九项）",
        "age_only_classes": "年龄所限无可驾驶准驾车型（第十项）",
        "age_unknown": "年龄无法判定（非居民身份证且无出生日期）",
        "review_unknown": "审验无法判定（缺本周期记分）",
        "oldest_cancel_due_on": "最早应注销日期",
        "rows": "清单行数",
        "processed": "已处理",
        "unprocessed": "未处理",
        "ambiguous_plate_warnings": "号牌对应多辆机动车（警告，取第一辆）",
        "W1_vehicles_with_unprocessed": "W1 有未处理违法的机动车",
        "W1_occurred_after_as_of": "W1 违法时间晚于运行日期（不提示）",
        "W2_processed_after_as_of": "W2 处理时间晚于运行日期（不提示）",
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
