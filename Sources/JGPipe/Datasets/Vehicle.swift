/// SPEC §3 `owner_type` (所有人类型): decides how the owner's identity is checked and who is notified.
public enum OwnerType: String, Sendable {
    case person, unit
}

/// A vehicle's owner as notices address them: a person's identity number or a unit's credit code.
public enum VehicleOwner: Hashable, Sendable {
    case person(IdentityNumber)
    case unit(CreditCode)

    public var type: OwnerType {
        switch self {
        case .person: .person
        case .unit: .unit
        }
    }

    /// The identity number or credit code, as written in `owner_id_no` and `recipient_id`.
    public var id: String {
        switch self {
        case let .person(person): person.number
        case let .unit(unit): unit.value
        }
    }
}

/// SPEC §3 `status` (机动车状态): one or more status letters; a letter of `[vehicles]
/// closed_statuses` (default E 注销, M 强制注销, B 转出) closes the vehicle, every other leaves it open.
public struct VehicleStatus: Hashable, Sendable {
    public let letters: String

    /// Chinese names some exports use instead of the letter.
    static let names: [String: String] = ["正常": "A", "注销": "E", "强制注销": "M", "转出": "B"]

    public init(_ raw: String) throws(FieldError) {
        letters = try StatusLetters.parse(raw, names: VehicleStatus.names, invalid: { "\"\($0)\" 不是由 A-Z 字母组成的机动车状态" })
    }

    /// Status letters already normalised (upper case) and checked to be all A–Z (the byte-level row path).
    init(validatedLetters b: UnsafeBufferPointer<UInt8>) {
        letters = b.isEmpty ? "A" : String(decoding: b, as: UTF8.self)
    }

    /// Any letter closes the vehicle (deregistered, forcibly deregistered, transferred out…): no rule
    /// but V1 applies (SPEC §3).
    public func isClosed(_ closed: ClosedStatusLetters) -> Bool {
        letters.utf8.contains(where: closed.contains)
    }
}

/// A vehicle (机动车) from `vehicles.csv` (SPEC §3), typed for the rules V1–V5.
public struct Vehicle: Sendable, Equatable {
    public let vin: VIN
    /// nil when the plate is empty, which only a closed vehicle may have.
    public let plate: Plate?
    /// GA 24.4 vehicle type, e.g. `K33`.
    public let vehicleType: String
    /// Use nature letter A–U (`A` 非营运).
    public let useNature: String
    public let owner: VehicleOwner
    public let region: RegionCode
    public let registeredOn: CalendarDate
    public let inspectionValidUntil: CalendarDate?
    public let status: VehicleStatus
    public let scrapReceivedOn: CalendarDate?
    public let scrapRegion: RegionCode?
    /// SPEC §3: an invalid owner phone is counted as a warning, never a rejection.
    public let phoneIsValid: Bool
}

public struct VehicleValidator: RecordValidator {
    public typealias Record = Vehicle

    /// SPEC §3 `vehicles.csv`, in table order.
    enum Column: Int, DatasetColumn {
        case vin, plate, plateType, vehicleType, useNature, ownerType, ownerIDType, ownerIDNumber, ownerName, ownerPhone,
             region, registeredOn, inspectionValidUntil, status, scrapReceivedOn, scrapRegion

        static let dataset = "vehicles"

        var spec: ColumnSpec {
            switch self {
            case .vin: ColumnSpec("vin", aliases: ["车辆识别代号"], required: true)
            case .plate: ColumnSpec("plate_no", aliases: ["号牌号码"])
            case .plateType: ColumnSpec("plate_type", aliases: ["号牌种类"])
            case .vehicleType: ColumnSpec("vehicle_type", aliases: ["车辆类型"])
            case .useNature: ColumnSpec("use_nature", aliases: ["使用性质"])
            case .ownerType: ColumnSpec("owner_type", aliases: ["所有人类型"], required: true)
            case .ownerIDType: ColumnSpec("owner_id_type", aliases: ["所有人证件类型"])
            case .ownerIDNumber: ColumnSpec("owner_id_no", aliases: ["所有人证件号码"])
            case .ownerName: ColumnSpec("owner_name", aliases: ["所有人"])
            case .ownerPhone: ColumnSpec("owner_phone", aliases: ["联系电话"])
            case .region: ColumnSpec("region_code", aliases: ["登记地区划"], required: true)
            case .registeredOn: ColumnSpec("registered_on", aliases: ["初次登记日期"], required: true)
            case .inspectionValidUntil: ColumnSpec("inspection_valid_until", aliases: ["检验有效期止"])
            case .status: ColumnSpec("status", aliases: ["机动车状态"])
            case .scrapReceivedOn: ColumnSpec("scrap_received_on", aliases: ["报废信息接收日期"])
            case .scrapRegion: ColumnSpec("scrap_region_code", aliases: ["报废地区划"])
            }
        }
    }

    public static let schema = Column.schema
    public var schema: DatasetSchema { Self.schema }

    static let ownerTypes: [String: OwnerType] = ["person": .person, "个人": .person, "unit": .unit, "单位": .unit]

    /// `[vehicles] closed_statuses`: only a closed vehicle may have an empty plate.
    let closedStatuses: ClosedStatusLetters

    public init(closedStatuses: ClosedStatusLetters = .defaults) {
        self.closedStatuses = closedStatuses
    }

    public func validate(_ row: SchemaRow) throws(FieldError) -> Vehicle {
        _ = try row.required(Column.vin)
        let vin = try row.parse(Column.vin, VIN.init)
        let plateText = Plate.normalize(row.raw(Column.plate))
        let plate = plateText.isEmpty ? nil : try row.parse(Column.plate, Plate.init)
        let vehicleType = try row.required(Column.vehicleType).uppercased()
        guard Self.isVehicleType(vehicleType.utf8) else {
            throw FieldError(.invalidCode, "\(row.name(Column.vehicleType)) \"\(vehicleType)\" 不是 GA 24.4 车辆类型代码（一个字母加2位数字，如 K33）")
        }
        let useNature = try row.required(Column.useNature).uppercased()
        guard useNature.utf8.count == 1, let letter = useNature.utf8.first, (0x41...0x55).contains(letter) else {
            throw FieldError(.invalidCode, "\(row.name(Column.useNature)) \"\(useNature)\" 不是 A-U 中的一个字母")
        }
        _ = try row.required(Column.ownerType)
        let ownerType = try row.choice(Column.ownerType, Self.ownerTypes)
        _ = try row.required(Column.ownerIDNumber)
        let owner: VehicleOwner = switch ownerType {
        case .person:
            .person(try row.identity(type: Column.ownerIDType, number: Column.ownerIDNumber))
        case .unit:
            .unit(try row.parse(Column.ownerIDNumber, CreditCode.init))
        }
        let phone = row.text(Column.ownerPhone)
        _ = try row.required(Column.region)
        let region = try row.parse(Column.region, RegionCode.init)
        _ = try row.required(Column.registeredOn)
        let registeredOn = try row.parse(Column.registeredOn, CalendarDate.init(parsing:))
        let inspection = try optionalDate(row, Column.inspectionValidUntil)
        let status = try row.parse(Column.status, VehicleStatus.init)
        let scrapReceivedOn = try optionalDate(row, Column.scrapReceivedOn)
        let scrapRegion = row.text(Column.scrapRegion).isEmpty ? nil : try row.parse(Column.scrapRegion, RegionCode.init)
        // Cross-field check last: whether an empty plate is allowed depends on the status.
        if plate == nil && !status.isClosed(closedStatuses) {
            throw FieldError(.invalidPlate, "\(row.name(Column.plate)) 为空，但机动车未注销（状态 \(status.letters)）；只有状态为 \(closedStatuses.letters.joined(separator: "、")) 的机动车可以没有号牌")
        }
        return Vehicle(vin: vin, plate: plate, vehicleType: vehicleType, useNature: useNature, owner: owner,
                       region: region, registeredOn: registeredOn, inspectionValidUntil: inspection, status: status,
                       scrapReceivedOn: scrapReceivedOn, scrapRegion: scrapRegion,
                       phoneIsValid: phone.isEmpty || Phone.isValid(phone))
    }

    private func optionalDate(_ row: SchemaRow, _ column: Column) throws(FieldError) -> CalendarDate? {
        row.text(column).isEmpty ? nil : try row.parse(column, CalendarDate.init(parsing:))
    }

    /// GA 24.4: one upper-case letter and two digits.
    static func isVehicleType<Bytes: Collection<UInt8>>(_ text: Bytes) -> Bool {
        guard text.count == 3 else { return false }
        let second = text.index(after: text.startIndex), third = text.index(after: second)
        return (0x41...0x5A).contains(text[text.startIndex]) && ASCII.isDigit(text[second]) && ASCII.isDigit(text[third])
    }

    public func canonicalFields(_ vehicle: Vehicle, _ row: SchemaRow) -> [String] {
        let ownerIDType: String = switch vehicle.owner {
        case let .person(person): person.type
        case .unit: row.code(Column.ownerIDType)
        }
        return Column.canonicalRow(passThrough: row.passThrough) { column in
            switch column {
            case .vin: vehicle.vin.value
            case .plate: vehicle.plate?.value ?? ""
            case .plateType: row.text(Column.plateType)
            case .vehicleType: vehicle.vehicleType
            case .useNature: vehicle.useNature
            case .ownerType: vehicle.owner.type.rawValue
            case .ownerIDType: ownerIDType
            case .ownerIDNumber: vehicle.owner.id
            case .ownerName: row.text(Column.ownerName)
            case .ownerPhone: row.text(Column.ownerPhone)
            case .region: vehicle.region.value
            case .registeredOn: vehicle.registeredOn.iso
            case .inspectionValidUntil: vehicle.inspectionValidUntil?.iso ?? ""
            case .status: vehicle.status.letters
            case .scrapReceivedOn: vehicle.scrapReceivedOn?.iso ?? ""
            case .scrapRegion: vehicle.scrapRegion?.value ?? ""
            }
        }
    }

}
