/// A registered user of a vehicle (备案用户, SPEC §8 `vehicle_users.csv`): a person the owner registered
/// in 12123 to handle the vehicle's non-site violations (measure 一.五.4).
public struct VehicleUser: Sendable {
    /// Index of the vehicle in the run's `VehicleDirectory`.
    public let vehicle: Int32
    public let user: IdentityNumber
    public let registeredOn: DateTime
    public let revokedOn: DateTime?
}

public struct VehicleUserValidator: RecordValidator {
    public typealias Record = VehicleUser

    /// SPEC §8 `vehicle_users.csv`, in table order.
    enum Column: Int, DatasetColumn {
        case plate, plateType, userType, userNumber, userName, registeredOn, revokedOn

        static let dataset = "vehicle_users"

        var spec: ColumnSpec {
            switch self {
            case .plate: ColumnSpec("plate_no", aliases: ["号牌号码"], required: true)
            case .plateType: ColumnSpec("plate_type", aliases: ["号牌种类"], required: true)
            case .userType: ColumnSpec("user_id_type", aliases: ["证件类型", "备案人证件类型"])
            case .userNumber: ColumnSpec("user_id_no", aliases: ["身份证明号码", "备案人证件号码"], required: true)
            case .userName: ColumnSpec("user_name", aliases: ["姓名", "备案人"])
            case .registeredOn: ColumnSpec("registered_on", aliases: ["备案日期"], required: true)
            case .revokedOn: ColumnSpec("revoked_on", aliases: ["取消备案日期"])
            }
        }
    }

    public static let schema = Column.schema
    public var schema: DatasetSchema { Self.schema }

    /// SPEC §8: (plate_no, plate_type, user key, registered_on).
    public var keyColumns: [Int] { [Column.plate, .plateType, .userType, .userNumber, .registeredOn].positions }

    let vehicles: VehicleDirectory

    /// The key's first column is the plate, whose canonical form also drops separators
    /// (`粤A·12345` is `粤A12345`): the streamed path's first pass hashes it so.
    public func suspectKeyHash(_ row: RawRow, map: HeaderMap) -> UInt64 {
        let plate = row.column(Column.plate, map)
        if Text.isNormalized(plate, upper: true), Plate.hasNoSeparator(plate) { return FNV1a.hash(plate) }
        var normalized = Plate.normalize(String(decoding: plate, as: UTF8.self))
        return normalized.withUTF8 { FNV1a.hash($0) }
    }

    public init(vehicles: VehicleDirectory) {
        self.vehicles = vehicles
    }

    public func validate(_ row: SchemaRow) throws(FieldError) -> VehicleUser {
        _ = try row.required(Column.plate)
        let plate = try row.parse(Column.plate, Plate.init)
        let plateType = try row.required(Column.plateType)
        let user = try row.requiredIdentity(type: Column.userType, number: Column.userNumber)
        _ = try row.required(Column.registeredOn)
        let registeredOn = try row.parse(Column.registeredOn, DateTime.init(parsing:))
        let revokedOn = try row.optionalDateTime(Column.revokedOn)
        guard let vehicle = vehicles.vehicle(plate: plate.value, plateType: plateType) else {
            throw FieldError(.unknownVehicle, "机动车文件中没有号牌号码 \(plate.value)、号牌种类 \(plateType) 的机动车")
        }
        return VehicleUser(vehicle: vehicle, user: user, registeredOn: registeredOn, revokedOn: revokedOn)
    }

    public func canonicalFields(_ u: VehicleUser, _ row: SchemaRow) -> [String] {
        Column.canonicalRow(passThrough: row.passThrough) { column in
            switch column {
            case .plate: vehicles.field(u.vehicle, .plate)
            case .plateType: vehicles.field(u.vehicle, .plateType)
            case .userType: u.user.type
            case .userNumber: u.user.number
            case .userName: row.text(Column.userName)
            case .registeredOn: u.registeredOn.iso
            case .revokedOn: u.revokedOn?.iso ?? ""
            }
        }
    }
}
