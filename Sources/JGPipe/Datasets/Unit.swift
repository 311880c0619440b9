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
    public static let schema = DatasetSchema(name: "units", columns: [
        ColumnSpec("unit_code", aliases: ["统一社会信用代码", "单位代码"], required: true),
        ColumnSpec("unit_name", aliases: ["单位名称"], required: true),
        ColumnSpec("legal_person_id_type", aliases: ["法人证件类型"]),
        ColumnSpec("legal_person_id_no", aliases: ["法人身份证明号码", "法人证件号码"], required: true),
        ColumnSpec("legal_person_name", aliases: ["法人姓名"]),
        ColumnSpec("region_code", aliases: ["行政区划", "管辖区划"], required: true),
        ColumnSpec("contact_phone", aliases: ["联系电话"]),
    ])
    public var schema: DatasetSchema { Self.schema }

    enum Column {
        static let code = 0, name = 1, legalType = 2, legalNumber = 3, legalName = 4, region = 5, phone = 6
    }

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
        store.appendField(code)
        store.appendField(name)
        store.appendField("A")
        store.appendField(legalPerson.number)
        store.appendField(legalName)
        store.appendField(region)
        store.appendField(phone)
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
        let canonical = [code, name, legalPerson.type, legalPerson.number, row.text(Column.legalName), region.value,
                         phone] + row.passThrough
        return (unit, canonical)
    }
}
