/// A unit (单位) from `units.csv` (SPEC §1), kept compact: its code, name and phone stay in the
/// dataset's `RowStore` (`UnitValidator.Column`), half a million units being common.
public struct Unit: Sendable, Equatable {
    /// The legal person's `PersonKey`.
    public let legalPerson: UInt64
    public let region: RegionCode
    /// SPEC §1: an invalid contact phone is a warning, not a rejection.
    public let phoneIsValid: Bool
}

public struct UnitValidator: DatasetValidator {
    /// SPEC §1 `units.csv`, in table order.
    enum Column: Int, DatasetColumn {
        case code, name, legalType, legalNumber, legalName, region, phone

        static let dataset = "units"

        var spec: ColumnSpec {
            switch self {
            case .code: ColumnSpec("unit_code", aliases: ["统一社会信用代码", "单位代码"], required: true)
            case .name: ColumnSpec("unit_name", aliases: ["单位名称"], required: true)
            case .legalType: ColumnSpec("legal_person_id_type", aliases: ["法人证件类型"])
            case .legalNumber: ColumnSpec("legal_person_id_no", aliases: ["法人身份证明号码", "法人证件号码"], required: true)
            case .legalName: ColumnSpec("legal_person_name", aliases: ["法人姓名"])
            case .region: ColumnSpec("region_code", aliases: ["行政区划", "管辖区划"], required: true)
            case .phone: ColumnSpec("contact_phone", aliases: ["联系电话"])
            }
        }
    }

    public static let schema = Column.schema
    public var schema: DatasetSchema { Self.schema }

    public init() {}

    /// The common row — valid code, resident legal person in 18-character form, every field
    /// already normalised — straight from bytes; anything else goes to `validateRow`.
    public func validateRaw(_ row: RawRow, map: HeaderMap, into store: RowStore) -> Unit? {
        guard let code = row.normalized(Column.code, map, upper: true), CreditCode.isValid(code),
              let name = row.normalized(Column.name, map), !name.isEmpty,
              let legalPerson = row.residentID(type: Column.legalType, number: Column.legalNumber, map),
              let legalName = row.normalized(Column.legalName, map),
              let region = row.normalized(Column.region, map), RegionCode.isValid(region),
              let phone = row.normalized(Column.phone, map)
        else { return nil }
        store.beginRow()
        store.append(Column.code, code)
        store.append(Column.name, name)
        store.append(Column.legalType, "A")
        store.append(Column.legalNumber, legalPerson.number)
        store.append(Column.legalName, legalName)
        store.append(Column.region, region)
        store.append(Column.phone, phone)
        for source in map.passThrough { store.appendField(row[source]) }
        store.endRow()
        return Unit(legalPerson: legalPerson.person, region: RegionCode(validated: region),
                    phoneIsValid: phone.isEmpty || Phone.isValid(bytes: phone))
    }

    public func validateRow(_ row: SchemaRow) throws(FieldError) -> (record: Unit, canonical: [String]) {
        _ = try row.required(Column.code)
        let code = try row.parse(Column.code, CreditCode.init).value
        let name = try row.required(Column.name)
        let legalPerson = try row.requiredIdentity(type: Column.legalType, number: Column.legalNumber)
        _ = try row.required(Column.region)
        let region = try row.parse(Column.region, RegionCode.init)
        let phone = row.text(Column.phone)
        let unit = Unit(legalPerson: PersonKey.of(legalPerson), region: region,
                        phoneIsValid: phone.isEmpty || Phone.isValid(phone))
        let canonical = Column.canonicalRow(passThrough: row.passThrough) { column in
            switch column {
            case .code: code
            case .name: name
            case .legalType: legalPerson.type
            case .legalNumber: legalPerson.number
            case .legalName: row.text(Column.legalName)
            case .region: region.value
            case .phone: phone
            }
        }
        return (unit, canonical)
    }
}
