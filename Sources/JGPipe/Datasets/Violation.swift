/// A traffic violation record (交通违法记录) from `violations.csv` (SPEC §8), joined to its vehicle.
public struct Violation: Equatable, Sendable {
    public let violationID: String
    /// Index of the vehicle in the run's `VehicleDirectory`.
    public let vehicle: Int32
    public let occurredAt: DateTime
    public let region: RegionCode
    public let points: Int
    public let fine: Money
    /// 非现场: recorded by camera rather than on the spot.
    public let nonSite: Bool
    /// Processed (已处理): processed_at and the handler are then set.
    public let processedAt: DateTime?
    public let handler: IdentityNumber?
    public let paid: Bool

    public var isProcessed: Bool { processedAt != nil }
}

public struct ViolationValidator: RecordValidator {
    public typealias Record = Violation

    /// SPEC §8 `violations.csv`, in table order.
    enum Column: Int, DatasetColumn {
        case violationID, plate, plateType, occurredAt, region, violationCode, points, fine, nonSite, status,
             processedAt, handlerType, handlerNumber, handlerName, paid

        static let dataset = "violations"

        var spec: ColumnSpec {
            switch self {
            case .violationID: ColumnSpec("violation_id", aliases: ["违法编号", "决定书编号"], required: true)
            case .plate: ColumnSpec("plate_no", aliases: ["号牌号码"], required: true)
            case .plateType: ColumnSpec("plate_type", aliases: ["号牌种类"], required: true)
            case .occurredAt: ColumnSpec("occurred_at", aliases: ["违法时间"], required: true)
            case .region: ColumnSpec("region_code", aliases: ["违法地区划"], required: true)
            case .violationCode: ColumnSpec("violation_code", aliases: ["违法代码"], required: true)
            case .points: ColumnSpec("points", aliases: ["记分"])
            case .fine: ColumnSpec("fine", aliases: ["罚款金额"])
            case .nonSite: ColumnSpec("non_site", aliases: ["非现场"])
            case .status: ColumnSpec("status", aliases: ["处理状态"])
            case .processedAt: ColumnSpec("processed_at", aliases: ["处理时间"])
            case .handlerType: ColumnSpec("handler_id_type", aliases: ["处理人证件类型"])
            case .handlerNumber: ColumnSpec("handler_id_no", aliases: ["处理人证件号码"])
            case .handlerName: ColumnSpec("handler_name", aliases: ["处理人"])
            case .paid: ColumnSpec("paid", aliases: ["缴款状态"])
            }
        }
    }

    public static let schema = Column.schema
    public var schema: DatasetSchema { Self.schema }

    static let nonSiteValues: [String: Bool] = ["": true, "y": true, "是": true, "非现场": true,
                                                "n": false, "否": false, "现场": false]
    static let processedValues: [String: Bool] = ["": false, "unprocessed": false, "未处理": false,
                                                  "processed": true, "已处理": true]
    static let paidValues: [String: Bool] = ["": false, "n": false, "未缴款": false, "y": true, "已缴款": true]
    /// 《道路交通安全违法行为记分管理办法》: one violation scores at most 12 points.
    static let maxPoints = 12

    let vehicles: VehicleDirectory

    public init(vehicles: VehicleDirectory) {
        self.vehicles = vehicles
    }

    public func validate(_ row: SchemaRow) throws(FieldError) -> Violation {
        let violationID = try row.required(Column.violationID)
        _ = try row.required(Column.plate)
        let plate = try row.parse(Column.plate, Plate.init)
        let plateType = try row.required(Column.plateType)
        _ = try row.required(Column.occurredAt)
        let occurredAt = try row.parse(Column.occurredAt, DateTime.init(parsing:))
        _ = try row.required(Column.region)
        let region = try row.parse(Column.region, RegionCode.init)
        let code = try row.required(Column.violationCode)
        guard (4...5).contains(code.utf8.count), ASCII.allDigits(code.utf8) else {
            throw FieldError(.invalidCode, "\(row.name(Column.violationCode)) \"\(code)\" 不是4位或5位的违法代码")
        }
        let points = try Self.points(row)
        let fine = try row.parse(Column.fine, Money.init(parsing:))
        let nonSite = try row.choice(Column.nonSite, Self.nonSiteValues)
        let processed = try row.choice(Column.status, Self.processedValues)
        var processedAt: DateTime?
        var handler: IdentityNumber?
        if processed {
            _ = try row.required(Column.processedAt)
            processedAt = try row.parse(Column.processedAt, DateTime.init(parsing:))
            handler = try row.requiredIdentity(type: Column.handlerType, number: Column.handlerNumber)
        }
        let paid = try row.choice(Column.paid, Self.paidValues)
        guard let vehicle = vehicles.vehicle(plate: plate.value, plateType: plateType) else {
            throw FieldError(.unknownVehicle, "机动车文件中没有号牌号码 \(plate.value)、号牌种类 \(plateType) 的机动车")
        }
        return Violation(violationID: violationID, vehicle: vehicle, occurredAt: occurredAt, region: region,
                         points: points, fine: fine, nonSite: nonSite, processedAt: processedAt, handler: handler,
                         paid: paid)
    }

    static func points(_ row: SchemaRow) throws(FieldError) -> Int {
        let text = row.text(Column.points)
        if text.isEmpty { return 0 }
        guard text.utf8.count <= 2, ASCII.allDigits(text.utf8), let points = Int(text), points <= maxPoints else {
            throw FieldError(.invalidNumber, "\(row.name(Column.points)) \"\(text)\" 不是 0-\(maxPoints) 的整数记分")
        }
        return points
    }

    public func canonicalFields(_ v: Violation, _ row: SchemaRow) -> [String] {
        Column.canonicalRow(passThrough: row.passThrough) { column in
            switch column {
            case .violationID: v.violationID
            case .plate: vehicles.field(v.vehicle, .plate)
            case .plateType: vehicles.field(v.vehicle, .plateType)
            case .occurredAt: v.occurredAt.iso
            case .region: v.region.value
            case .violationCode: row.text(Column.violationCode)
            case .points: String(v.points)
            case .fine: v.fine.decimal
            case .nonSite: v.nonSite ? "Y" : "N"
            case .status: v.isProcessed ? "processed" : "unprocessed"
            case .processedAt: v.processedAt?.iso ?? ""
            case .handlerType: v.handler?.type ?? row.code(Column.handlerType)
            case .handlerNumber: v.handler?.number ?? row.code(Column.handlerNumber)
            case .handlerName: row.text(Column.handlerName)
            case .paid: v.paid ? "Y" : "N"
            }
        }
    }
}
