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

/// A unit account (单位注册用户) from `unit_accounts.csv`, kept compact — integers only, the
/// strings stay in the dataset's `RowStore` — because it is also what the R1–R3 and C1–C2 rules
/// read, millions of times over.
public struct UnitAccount: Sendable, Equatable {
    // Wide fields first: 32 bytes a record.
    /// The holder's `PersonKey`.
    public var holder: UInt64
    /// `registered_at` as seconds (`DateTime.sortKey`).
    public var registeredAt: Int64
    /// Orders account ids as `AccountID` does: the id's value when it is a plain digit string,
    /// else a rank assigned over the whole dataset (`AccountID.orderKeys`).
    public var idKey: UInt64
    /// Index of the account's unit in the loaded units.
    public var unit: Int32
    public var status: AccountStatus
    public var role: AccountRole
    public var permit: ReplacePermit

    public init(unit: Int32, holder: UInt64, registeredAt: Int64, idKey: UInt64, status: AccountStatus,
                role: AccountRole, permit: ReplacePermit) {
        self.unit = unit
        self.holder = holder
        self.registeredAt = registeredAt
        self.idKey = idKey
        self.status = status
        self.role = role
        self.permit = permit
    }

    public var isActive: Bool { status == .active }

    /// SPEC §1 "Newest": registered_at descending, then account_id descending.
    public func isNewer(than other: UnitAccount) -> Bool {
        registeredAt != other.registeredAt ? registeredAt > other.registeredAt : idKey > other.idKey
    }
}

public struct UnitAccountValidator: DatasetValidator {
    /// SPEC §1 `unit_accounts.csv`, in table order.
    enum Column: Int, DatasetColumn {
        case accountID, unitCode, holderType, holderNumber, holderName, holderPhone, registeredAt, status, role, permit

        static let dataset = "unit_accounts"

        var spec: ColumnSpec {
            switch self {
            case .accountID: ColumnSpec("account_id", aliases: ["账号ID", "用户ID"], required: true)
            case .unitCode: ColumnSpec("unit_code", aliases: ["统一社会信用代码", "单位代码"], required: true)
            case .holderType: ColumnSpec("holder_id_type", aliases: ["证件类型"])
            case .holderNumber: ColumnSpec("holder_id_no", aliases: ["身份证明号码", "证件号码"], required: true)
            case .holderName: ColumnSpec("holder_name", aliases: ["姓名"])
            case .holderPhone: ColumnSpec("holder_phone", aliases: ["手机号码"])
            case .registeredAt: ColumnSpec("registered_at", aliases: ["注册时间"], required: true)
            case .status: ColumnSpec("status", aliases: ["状态"])
            case .role: ColumnSpec("role", aliases: ["用户类型"])
            case .permit: ColumnSpec("replace_permit", aliases: ["补换领牌证权限"])
            }
        }
    }

    public static let schema = Column.schema
    public var schema: DatasetSchema { Self.schema }

    static let statuses: [String: AccountStatus] = ["": .active, "active": .active, "正常": .active,
                                                    "disabled": .disabled, "停用": .disabled]
    static let roles: [String: AccountRole] = ["": .legacy, "legal_person": .legalPerson, "法人": .legalPerson,
                                               "admin": .admin, "管理员": .admin,
                                               "ordinary": .ordinary, "普通用户": .ordinary]
    static let permits: [String: ReplacePermit] = ["": .unset, "y": .yes, "是": .yes, "n": .no, "否": .no]

    /// Unit code → index among the valid units.
    let units: UnitIndex
    /// The closed lists as bytes, for the byte-level path.
    let statusKeys = ClosedList(statuses), roleKeys = ClosedList(roles), permitKeys = ClosedList(permits)

    public init(units: UnitIndex) {
        self.units = units
    }

    public func prefetch(_ row: RawRow, map: HeaderMap) {
        units.prefetch(utf8: row.column(Column.unitCode, map))
    }

    /// The common row — resident identity number in 18-character form, every field already
    /// normalised, a known unit — straight from bytes; anything else goes to `validateRow`.
    public func validateRaw(_ row: RawRow, map: HeaderMap, into store: RowStore) -> UnitAccount? {
        guard let accountID = row.normalized(Column.accountID, map), !accountID.isEmpty,
              let unitCode = row.normalized(Column.unitCode, map, upper: true),
              let holder = row.residentID(type: Column.holderType, number: Column.holderNumber, map),
              let name = row.normalized(Column.holderName, map),
              let phone = row.normalized(Column.holderPhone, map),
              let registered = row.normalized(Column.registeredAt, map).flatMap(DateText.parseNormalized),
              let status = row.normalized(Column.status, map).flatMap(statusKeys.match),
              let role = row.normalized(Column.role, map).flatMap(roleKeys.match),
              let permit = row.normalized(Column.permit, map).flatMap(permitKeys.match),
              let unit = units[utf8: unitCode]
        else { return nil }
        let registeredAt = DateTime(date: registered.date, secondsOfDay: registered.secondsOfDay)
        store.beginRow()
        store.append(Column.accountID, accountID)
        store.append(Column.unitCode, unitCode)
        store.append(Column.holderType, "A")
        store.append(Column.holderNumber, holder.number)
        store.append(Column.holderName, name)
        store.append(Column.holderPhone, phone)
        store.append(Column.registeredAt, registeredAt)
        store.append(Column.status, status.rawValue)
        store.append(Column.role, role.rawValue)
        store.append(Column.permit, permit.rawValue)
        for source in map.passThrough { store.appendField(row[source]) }
        store.endRow()
        return UnitAccount(unit: unit, holder: holder.person, registeredAt: registeredAt.sortKey,
                           idKey: AccountID.numericKey(utf8: accountID) ?? AccountID.unranked, status: status,
                           role: role, permit: permit)
    }

    public func validateRow(_ row: SchemaRow) throws(FieldError) -> (record: UnitAccount, canonical: [String]) {
        let accountID = try row.required(Column.accountID)
        let unitCode = Text.normalizeCode(try row.required(Column.unitCode))
        let holder = try row.requiredIdentity(type: Column.holderType, number: Column.holderNumber)
        _ = try row.required(Column.registeredAt)
        let registeredAt = try row.parse(Column.registeredAt, DateTime.init)
        let status = try row.choice(Column.status, Self.statuses)
        let role = try row.choice(Column.role, Self.roles)
        let permit = try row.choice(Column.permit, Self.permits)
        // Cross-file check last: a row with a bad field is rejected for that field.
        guard let unit = units[unitCode] else {
            throw FieldError(.unknownUnit, "\(row.name(Column.unitCode)) \(unitCode) 不是单位文件中的有效单位")
        }
        let account = UnitAccount(unit: unit, holder: PersonKey.of(holder), registeredAt: registeredAt.sortKey,
                                  idKey: AccountID.numericKey(accountID) ?? AccountID.unranked, status: status,
                                  role: role, permit: permit)
        let canonical = Column.canonicalRow(passThrough: row.passThrough) { column in
            switch column {
            case .accountID: accountID
            case .unitCode: unitCode
            case .holderType: holder.type
            case .holderNumber: holder.number
            case .holderName: row.text(Column.holderName)
            case .holderPhone: row.text(Column.holderPhone)
            case .registeredAt: registeredAt.iso
            case .status: status.rawValue
            case .role: role.rawValue
            case .permit: permit.rawValue
            }
        }
        return (account, canonical)
    }

    public func validate(_ row: SchemaRow) throws(FieldError) -> UnitAccount {
        try validateRow(row).record
    }
}
