public enum AccountStatus: String, Sendable {
    case active, disabled
}

/// SPEC §1 `role`; `legacy` is the empty role of accounts registered before the measure.
public enum AccountRole: String, Sendable {
    case legacy = ""
    case legalPerson = "legal_person"
    case admin
    case ordinary
}

/// SPEC §1 `replace_permit` (补换领牌证权限).
public enum ReplacePermit: String, Sendable {
    case unset = ""
    case yes = "Y"
    case no = "N"
}

/// A unit account (单位注册用户) from `unit_accounts.csv`, kept compact: strings stay in the
/// dataset's `RowStore`, the rules see integers.
public struct UnitAccount: Sendable {
    public let accountID: AccountID
    /// Index of the account's unit in the loaded units.
    public let unit: Int32
    public let holder: IdentityNumber
    public let registeredAt: DateTime
    public let status: AccountStatus
    public let role: AccountRole
    public let permit: ReplacePermit
}

public struct UnitAccountValidator: DatasetValidator {
    public static let schema = DatasetSchema(name: "unit_accounts", columns: [
        ColumnSpec("account_id", aliases: ["账号ID", "用户ID"], required: true),
        ColumnSpec("unit_code", aliases: ["统一社会信用代码", "单位代码"], required: true),
        ColumnSpec("holder_id_type", aliases: ["证件类型"]),
        ColumnSpec("holder_id_no", aliases: ["身份证明号码", "证件号码"], required: true),
        ColumnSpec("holder_name", aliases: ["姓名"]),
        ColumnSpec("holder_phone", aliases: ["手机号码"]),
        ColumnSpec("registered_at", aliases: ["注册时间"], required: true),
        ColumnSpec("status", aliases: ["状态"]),
        ColumnSpec("role", aliases: ["用户类型"]),
        ColumnSpec("replace_permit", aliases: ["补换领牌证权限"]),
    ])
    public var schema: DatasetSchema { Self.schema }

    enum Column {
        static let accountID = 0, unitCode = 1, holderType = 2, holderNumber = 3, holderName = 4, holderPhone = 5,
                   registeredAt = 6, status = 7, role = 8, permit = 9
    }

    static let statuses: [String: AccountStatus] = ["": .active, "active": .active, "正常": .active,
                                                    "disabled": .disabled, "停用": .disabled]
    static let roles: [String: AccountRole] = ["": .legacy, "legal_person": .legalPerson, "法人": .legalPerson,
                                               "admin": .admin, "管理员": .admin,
                                               "ordinary": .ordinary, "普通用户": .ordinary]
    static let permits: [String: ReplacePermit] = ["": .unset, "y": .yes, "是": .yes, "n": .no, "否": .no]

    /// Unit code → index among the valid units.
    let units: [String: Int32]

    public init(units: [String: Int32]) {
        self.units = units
    }

    public func validate(_ row: SchemaRow) throws(FieldError) -> UnitAccount {
        let accountID = try row.required(Column.accountID)
        let unitCode = Text.normalizeCode(try row.required(Column.unitCode))
        _ = try row.required(Column.holderNumber)
        let holder = try row.parse(Column.holderNumber) { (number: String) throws(FieldError) in
            try IdentityNumber(type: row.raw(Column.holderType), number: number)
        }
        _ = try row.required(Column.registeredAt)
        let registeredAt = try row.parse(Column.registeredAt, DateTime.init)
        let status = try row.choice(Column.status, Self.statuses)
        let role = try row.choice(Column.role, Self.roles)
        let permit = try row.choice(Column.permit, Self.permits)
        // Cross-file check last: a row with a bad field is rejected for that field.
        guard let unit = units[unitCode] else {
            throw FieldError(.unknownUnit, "unit_code: \(unitCode) is not a valid unit of units.csv")
        }
        return UnitAccount(accountID: AccountID(accountID), unit: unit, holder: holder, registeredAt: registeredAt,
                           status: status, role: role, permit: permit)
    }

    public func canonicalFields(_ account: UnitAccount, _ row: SchemaRow) -> [String] {
        [account.accountID.text, Text.normalizeCode(row.raw(Column.unitCode)), account.holder.type, account.holder.number,
         row.text(Column.holderName), row.text(Column.holderPhone), account.registeredAt.iso,
         account.status.rawValue, account.role.rawValue, account.permit.rawValue] + row.passThrough
    }

    public func key(_ account: UnitAccount) -> String { account.accountID.text }
}
