/// An offline service point (线下服务网点) from `service_points.csv` (SPEC §9, measure 七.一). Only a
/// row without a usable key is rejected: an incomplete point is the detachment's work, so every
/// other row is kept with its P1 gaps (`ServicePointGap`).
public struct ServicePoint: Sendable {
    public let id: String
    public let name: String
    public let address: String
    public let hours: String
    /// nil when missing or not 6 digits (a P1 gap): the point then belongs to no detachment.
    public let region: RegionCode?
    /// Valid service codes, in the order written.
    public let services: [String]
    public let isOpen: Bool
    public let verifiedOn: CalendarDate?
    /// P1: each missing or invalid field of an open point; empty for a closed one.
    public let gaps: [ServicePointGap]

    public var isComplete: Bool { gaps.isEmpty }
}

/// P1: one missing or invalid field of a point, the field named as the file's header wrote it.
public struct ServicePointGap: Sendable, Equatable {
    public let field: String
    public let problem: String
    public let value: String
}

public struct ServicePointValidator: RecordValidator {
    public typealias Record = ServicePoint

    /// SPEC §9 `service_points.csv`, in table order.
    enum Column: Int, DatasetColumn, CaseIterable {
        case id, name, kind, region, address, longitude, latitude, hours, services, windowGuide, phone, verifiedOn,
             status

        static let dataset = "service_points"

        var spec: ColumnSpec {
            switch self {
            case .id: ColumnSpec("point_id", aliases: ["网点编号"], required: true)
            case .name: ColumnSpec("point_name", aliases: ["网点名称"], required: true)
            case .kind: ColumnSpec("point_kind", aliases: ["网点类型"], required: true)
            case .region: ColumnSpec("region_code", aliases: ["所在区划"], required: true)
            case .address: ColumnSpec("address", aliases: ["地址"], required: true)
            case .longitude: ColumnSpec("longitude", aliases: ["经度"], required: true)
            case .latitude: ColumnSpec("latitude", aliases: ["纬度"], required: true)
            case .hours: ColumnSpec("hours", aliases: ["工作时间"], required: true)
            case .services: ColumnSpec("services", aliases: ["业务范围"], required: true)
            case .windowGuide: ColumnSpec("window_guide", aliases: ["窗口指引"])
            case .phone: ColumnSpec("phone", aliases: ["咨询电话"], required: true)
            case .verifiedOn: ColumnSpec("verified_on", aliases: ["核查日期"])
            case .status: ColumnSpec("status", aliases: ["状态"])
            }
        }
    }

    public static let schema = Column.schema
    public var schema: DatasetSchema { Self.schema }
    public var keyColumns: [Int] { [Column.id].positions }

    /// SPEC §9: China's extent, in degrees.
    static let longitudes = 73.4...135.1
    static let latitudes = 3.8...53.6
    static let openValues: [String: Bool] = ["": true, "open": true, "正常": true, "closed": false, "停用": false]

    let settings: ServicePointSettings

    public init(settings: ServicePointSettings) {
        self.settings = settings
    }

    public func validate(_ row: SchemaRow) throws(FieldError) -> ServicePoint {
        let id = try row.required(Column.id)
        var gaps: [ServicePointGap] = []
        func gap(_ column: Column, _ problem: String) {
            gaps.append(ServicePointGap(field: row.name(column), problem: problem, value: row.text(column)))
        }
        let statusText = row.text(Column.status)
        let status = Self.openValues[statusText] ?? Self.openValues[statusText.lowercased()]
        if status == nil { gap(.status, "不是可选值（open 正常、closed 停用）之一") }
        let isOpen = status ?? true
        for column in [Column.name, .address] where row.text(column).isEmpty { gap(column, "为空") }
        let kind = row.text(Column.kind)
        if kind.isEmpty {
            gap(.kind, "为空")
        } else if !settings.kinds.contains(kind) {
            gap(.kind, "不是网点类型（\(settings.kinds.joined(separator: "、"))）之一")
        }
        var region: RegionCode?
        if row.text(Column.region).isEmpty {
            gap(.region, "为空")
        } else {
            do { region = try RegionCode(row.text(Column.region)) } catch { gap(.region, "不是6位行政区划代码") }
        }
        for (column, range) in [(Column.longitude, Self.longitudes), (.latitude, Self.latitudes)] {
            let text = row.text(column)
            if text.isEmpty {
                gap(column, "为空")
            } else if !(Double(text).map(range.contains) ?? false) {
                gap(column, "不是中国境内的经纬度（经度 \(Self.longitudes.lowerBound)–\(Self.longitudes.upperBound)，纬度 \(Self.latitudes.lowerBound)–\(Self.latitudes.upperBound)）")
            }
        }
        let hours = row.text(Column.hours)
        if hours.isEmpty {
            gap(.hours, "为空")
        } else if let problem = OpeningHours.problem(hours) {
            gap(.hours, problem)
        }
        var services: [String] = []
        let servicesText = row.text(Column.services)
        if servicesText.isEmpty {
            gap(.services, "为空")
        } else {
            for code in servicesText.split(separator: "|").map({ Text.normalize(String($0)) }) {
                if settings.services.contains(code) { services.append(code) } else {
                    gap(.services, "业务代码 \"\(code)\" 不在业务范围（\(settings.services.joined(separator: "、"))）中")
                }
            }
        }
        if settings.kindsWithHall.contains(kind), row.text(Column.windowGuide).isEmpty {
            gap(.windowGuide, "为空（\(kind)须写明窗口指引）")
        }
        switch PhoneKind(row.text(Column.phone)) {
        case .empty: gap(.phone, "为空")
        case .invalid: gap(.phone, "不是有效的电话号码")
        case .mobile, .landline: break
        }
        var verifiedOn: CalendarDate?
        if !row.text(Column.verifiedOn).isEmpty {
            do { verifiedOn = try row.optionalDate(Column.verifiedOn) } catch { gap(.verifiedOn, "不是有效日期") }
        }
        return ServicePoint(id: id, name: row.text(Column.name), address: row.text(Column.address), hours: hours,
                            region: region, services: services, isOpen: isOpen,
                            verifiedOn: verifiedOn, gaps: isOpen ? gaps : [])
    }

    public func canonicalFields(_ point: ServicePoint, _ row: SchemaRow) -> [String] {
        Column.canonicalRow(passThrough: row.passThrough) { column in
            switch column {
            case .id: point.id
            case .region: point.region?.value ?? row.text(Column.region)
            case .status: point.isOpen ? "open" : "closed"
            case .verifiedOn: point.verifiedOn?.iso ?? row.text(Column.verifiedOn)
            default: row.text(column)
            }
        }
    }
}
