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

    public static let schema = DatasetSchema(name: "violations", columns: [
        ColumnSpec("violation_id", aliases: ["违法编号", "决定书编号"], required: true),
        ColumnSpec("plate_no", aliases: ["号牌号码"], required: true),
        ColumnSpec("plate_type", aliases: ["号牌种类"], required: true),
        ColumnSpec("occurred_at", aliases: ["违法时间"], required: true),
        ColumnSpec("region_code", aliases: ["违法地区划"], required: true),
        ColumnSpec("violation_code", aliases: ["违法代码"], required: true),
        ColumnSpec("points", aliases: ["记分"]),
        ColumnSpec("fine", aliases: ["罚款金额"]),
        ColumnSpec("non_site", aliases: ["非现场"]),
        ColumnSpec("status", aliases: ["处理状态"]),
        ColumnSpec("processed_at", aliases: ["处理时间"]),
        ColumnSpec("handler_id_type", aliases: ["处理人证件类型"]),
        ColumnSpec("handler_id_no", aliases: ["处理人证件号码"]),
        ColumnSpec("handler_name", aliases: ["处理人"]),
        ColumnSpec("paid", aliases: ["缴款状态"]),
    ])
    public var schema: DatasetSchema { Self.schema }

    enum Column {
        static let violationID = 0, plate = 1, plateType = 2, occurredAt = 3, region = 4, violationCode = 5,
                   points = 6, fine = 7, nonSite = 8, status = 9, processedAt = 10, handlerType = 11,
                   handlerNumber = 12, handlerName = 13, paid = 14
    }

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
        return [v.violationID, vehicles.field(v.vehicle, .plate), vehicles.field(v.vehicle, .plateType), v.occurredAt.iso, v.region.value, row.text(Column.violationCode),
                String(v.points), v.fine.decimal, v.nonSite ? "Y" : "N", v.isProcessed ? "processed" : "unprocessed",
                v.processedAt?.iso ?? "", v.handler?.type ?? row.code(Column.handlerType), v.handler?.number ?? row.code(Column.handlerNumber),
                row.text(Column.handlerName), v.paid ? "Y" : "N"] + row.passThrough
    }
}
