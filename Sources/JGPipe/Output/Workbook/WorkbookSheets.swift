/// How a column's values become cells (SPEC §6): identifiers, codes, phones, plates and VINs stay
/// text — Excel must never show `4.40106E+17` or drop a leading zero —, dates become date cells
/// shown `yyyy-mm-dd`, counts become numbers.
enum CellKind: Sendable {
    case text, date, dateTime, number
}

/// A column of a sheet: its Chinese header and its cell kind.
struct WorkbookColumn: Sendable {
    let header: String
    let kind: CellKind

    init(_ header: String, _ kind: CellKind = .text) {
        self.header = header
        self.kind = kind
    }
}

/// One sheet of the detachment workbooks, drawn from one CSV output of the run, ordered by
/// `detachment_code` first: to add a sheet for a new output, add a row to `WorkbookSheet.all`
/// (and its columns to `WorkbookColumns.byName` when they are new).
struct WorkbookSheet: Sendable {
    /// The sheet's name (at most 28 characters: a continuation adds "(2)").
    let name: String
    /// The CSV output in the staging folder the rows come from.
    let source: String
    /// What the sheet holds, for the 说明 sheet.
    let about: String
    /// A column whose values are counted per detachment on the 说明 sheet, and what it is called.
    let countedBy: (column: String, label: String)?
    /// Headers of columns whose meaning is this sheet's own (`region_code` is where a vehicle is
    /// registered but where a licence is administered): the SPEC's alias for its dataset.
    let ownColumns: [String: WorkbookColumn]

    init(_ name: String, source: String, about: String, countedBy: (column: String, label: String)? = nil,
         ownColumns: [String: WorkbookColumn] = [:]) {
        self.name = name
        self.source = source
        self.about = about
        self.countedBy = countedBy
        self.ownColumns = ownColumns
    }

    /// The header and cell kind of the source's column `name` on this sheet.
    func column(_ name: String) -> WorkbookColumn {
        ownColumns[name] ?? WorkbookColumns.column(name)
    }

    /// The notices this run delivers, the one sheet whose source is written after the stages.
    static let notices = WorkbookSheet("通知", source: "notifications.csv",
                                       about: "本次发出的通知（短信）：接收人、电话、到期日与短信内容",
                                       countedBy: ("notice_type", "通知类型"))

    /// The sheets after 说明, in tab order; 拒绝记录 (`RejectedRowsSheet`) comes last.
    static let all: [WorkbookSheet] = [
        WorkbookSheet("单位联系清单", source: UnitContactList.fileName,
                      about: "八.一：6月20日前需主动联系告知的单位（账号被清理或没有法人账号），含联系电话类型；联系日期、联系结果两列由支队填写"),
        WorkbookSheet("清理账号", source: "unit_accounts.removed.csv",
                      about: "被清理单位账号导出：按规则 R1、R2、R3 停用的单位注册用户账号及原因", countedBy: ("cleanup_rule", "清理规则")),
        notices,
        WorkbookSheet("注销工作清单", source: "vehicles.deregistration_worklist.csv",
                      about: "已报废回收、须办理注销登记的机动车（V3），含是否跨地区、是否逾期",
                      ownColumns: ["region_code": WorkbookColumn("登记地区划")]),
        WorkbookSheet("驾驶证待注销", source: "driver_licences.cancellation_worklist.csv",
                      about: "《机动车驾驶证申领和使用规定》第七十九条须注销的驾驶证：超过有效期一年以上未换证（第八项）、70周岁以上或C5未按期提交身体条件证明（第九项）、年龄所限只剩不得驾驶的准驾车型（第十项），含注销原因、条款、应注销日期和逾期天数",
                      countedBy: ("reason", "注销原因"),
                      ownColumns: ["region_code": WorkbookColumn("管辖区划"), "reason": WorkbookColumn("注销原因"),
                                   "article": WorkbookColumn("依据条款")]),
        WorkbookSheet("违法处理核查", source: "violations.authorisation_audit.csv",
                      about: "一.五.4：非现场违法由非所有人处理、且违法发生时处理人未在该车备案的记录（W3）",
                      countedBy: ("finding", "核查结果")),
        WorkbookSheet("服务网点核查", source: "service_points.gaps.csv",
                      about: "七.一：本支队线下服务网点缺失或错误的信息（P1）、逾期未核查的网点（P2）、本次通知所涉业务没有完整网点的（P3，网点编号为空）",
                      countedBy: ("field", "字段"),
                      ownColumns: ["field": WorkbookColumn("字段"), "problem": WorkbookColumn("问题"),
                                   "value": WorkbookColumn("现值")]),
        WorkbookSheet("抽查清单", source: "service_points.spot_check.csv",
                      about: "七.一：总队本周抽查的网点（P4，每周一换），核对后填写核对结果、核对人两列",
                      ownColumns: ["region_code": WorkbookColumn("所在区划"), "phone": WorkbookColumn("咨询电话"),
                                   "status": WorkbookColumn("状态")]),
        WorkbookSheet("纠错反馈", source: "service_points.feedback_worklist.csv",
                      about: "七.一：群众纠错反馈超过处理时限仍未处理的（P5），含已等待天数",
                      ownColumns: ["field": WorkbookColumn("纠错字段")]),
    ]
}

/// The 拒绝记录 sheet (SPEC §6): rows rejected for reasons that name this detachment's region.
enum RejectedRowsSheet {
    static let name = "拒绝记录"
    static let about = "数据校验未通过、未参与任何规则的记录（仅限能读出本支队行政区划的行）：行号、文件、错误说明"
    static let columns = [WorkbookColumn("行号", .number), WorkbookColumn("文件"), WorkbookColumn("错误代码"),
                          WorkbookColumn("错误说明")]
}

/// The Chinese header and cell kind of every column name the CSV outputs use: the SPEC's
/// aliases where it has them, for columns that mean the same on every sheet (a sheet names its
/// own in `WorkbookSheet.ownColumns`). A column not listed keeps its name and is text.
enum WorkbookColumns {
    static func column(_ name: String) -> WorkbookColumn {
        byName[name] ?? WorkbookColumn(name)
    }

    static let byName: [String: WorkbookColumn] = [
        // Units and accounts (SPEC §1 aliases).
        "detachment_code": WorkbookColumn("支队代码"),
        "detachment_name": WorkbookColumn("支队名称"),
        "unit_code": WorkbookColumn("统一社会信用代码"),
        "unit_name": WorkbookColumn("单位名称"),
        "contact_phone": WorkbookColumn("联系电话"),
        "contact_phone_kind": WorkbookColumn("联系电话类型"),
        "legal_person_name": WorkbookColumn("法人姓名"),
        "legal_person_phone": WorkbookColumn("法人账号手机号码"),
        "admin_phones": WorkbookColumn("管理员手机号码"),
        "removed_R1": WorkbookColumn("R1清理数", .number),
        "removed_R2": WorkbookColumn("R2清理数", .number),
        "removed_R3": WorkbookColumn("R3清理数", .number),
        "accounts_kept": WorkbookColumn("保留账号数", .number),
        "loses_legal_person": WorkbookColumn("失去法人账号"),
        "no_legal_person": WorkbookColumn("无法人账号"),
        "sms_reachable": WorkbookColumn("可发短信"),
        "contacted_on": WorkbookColumn("联系日期"),
        "outcome": WorkbookColumn("联系结果"),
        "account_id": WorkbookColumn("账号ID"),
        "holder_id_type": WorkbookColumn("证件类型"),
        "holder_id_no": WorkbookColumn("证件号码"),
        "holder_name": WorkbookColumn("姓名"),
        "holder_phone": WorkbookColumn("手机号码"),
        "holder_phone_kind": WorkbookColumn("手机号码类型"),
        "registered_at": WorkbookColumn("注册时间", .dateTime),
        "cleanup_rule": WorkbookColumn("清理规则"),
        "reason": WorkbookColumn("清理原因"),
        "kept_account_id": WorkbookColumn("保留账号ID"),
        "disable_on": WorkbookColumn("停用日期", .date),
        // Notifications (SPEC §4).
        "notice_id": WorkbookColumn("通知编号"),
        "notice_type": WorkbookColumn("通知类型"),
        "recipient_type": WorkbookColumn("接收人类型"),
        "recipient_id": WorkbookColumn("接收人证件号码"),
        "recipient_name": WorkbookColumn("接收人"),
        "phone": WorkbookColumn("电话"),
        "phone_kind": WorkbookColumn("电话类型"),
        "record_id": WorkbookColumn("业务编号"),
        "due_on": WorkbookColumn("到期日期", .date),
        "message": WorkbookColumn("短信内容"),
        "service_point_id": WorkbookColumn("指引网点编号"),
        "service_point_name": WorkbookColumn("指引网点"),
        "service_point_address": WorkbookColumn("网点地址"),
        "service_point_hours": WorkbookColumn("网点工作时间"),
        // Vehicles (SPEC §3 aliases).
        "vin": WorkbookColumn("车辆识别代号"),
        "plate_no": WorkbookColumn("号牌号码"),
        "plate_type": WorkbookColumn("号牌种类"),
        "owner_name": WorkbookColumn("所有人"),
        "owner_phone": WorkbookColumn("联系电话"),
        "owner_phone_kind": WorkbookColumn("联系电话类型"),
        "scrap_region_code": WorkbookColumn("报废地区划"),
        "scrap_received_on": WorkbookColumn("报废信息接收日期", .date),
        "cross_region": WorkbookColumn("跨地区"),
        "overdue": WorkbookColumn("逾期"),
        "days_overdue": WorkbookColumn("逾期天数", .number),
        // Driver licences (SPEC §7 aliases).
        "classes": WorkbookColumn("准驾车型"),
        "valid_until": WorkbookColumn("有效期止", .date),
        "cancel_due_on": WorkbookColumn("应注销日期", .date),
        // Violations (SPEC §8 aliases).
        "violation_id": WorkbookColumn("违法编号"),
        "occurred_at": WorkbookColumn("违法时间", .dateTime),
        "processed_at": WorkbookColumn("处理时间", .dateTime),
        "handler_id_type": WorkbookColumn("处理人证件类型"),
        "handler_id_no": WorkbookColumn("处理人证件号码"),
        "handler_name": WorkbookColumn("处理人"),
        "owner_id": WorkbookColumn("所有人证件号码"),
        "finding": WorkbookColumn("核查结果"),
        // Service points (SPEC §9 aliases).
        "point_id": WorkbookColumn("网点编号"),
        "point_name": WorkbookColumn("网点名称"),
        "point_kind": WorkbookColumn("网点类型"),
        "address": WorkbookColumn("地址"),
        "longitude": WorkbookColumn("经度"),
        "latitude": WorkbookColumn("纬度"),
        "hours": WorkbookColumn("工作时间"),
        "services": WorkbookColumn("业务范围"),
        "window_guide": WorkbookColumn("窗口指引"),
        "verified_on": WorkbookColumn("核查日期", .date),
        "check_result": WorkbookColumn("核对结果"),
        "checked_by": WorkbookColumn("核对人"),
        "feedback_id": WorkbookColumn("反馈编号"),
        "reported_value": WorkbookColumn("反馈内容"),
        "received_on": WorkbookColumn("收到日期", .date),
        "days_open": WorkbookColumn("已等待天数", .number),
    ]
}
