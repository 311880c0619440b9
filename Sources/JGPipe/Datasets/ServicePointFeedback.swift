/// A correction the public reported against a service point (纠错反馈, SPEC §9 P5,
/// `service_point_feedback.csv`).
public struct ServicePointFeedback: Sendable {
    public let id: String
    /// Index of the point in the run's `service_points.csv` records.
    public let point: Int
    public let receivedOn: CalendarDate
    public let resolvedOn: CalendarDate?
}

public struct ServicePointFeedbackValidator: RecordValidator {
    public typealias Record = ServicePointFeedback

    /// SPEC §9 P5 `service_point_feedback.csv`.
    enum Column: Int, DatasetColumn, CaseIterable {
        case id, pointID, field, reportedValue, receivedOn, resolvedOn

        static let dataset = "service_point_feedback"

        var spec: ColumnSpec {
            switch self {
            case .id: ColumnSpec("feedback_id", aliases: ["反馈编号"], required: true)
            case .pointID: ColumnSpec("point_id", aliases: ["网点编号"], required: true)
            case .field: ColumnSpec("field", aliases: ["纠错字段"])
            case .reportedValue: ColumnSpec("reported_value", aliases: ["反馈内容"])
            case .receivedOn: ColumnSpec("received_on", aliases: ["收到日期"], required: true)
            case .resolvedOn: ColumnSpec("resolved_on", aliases: ["处理日期"])
            }
        }
    }

    public static let schema = Column.schema
    public var schema: DatasetSchema { Self.schema }
    public var keyColumns: [Int] { [Column.id].positions }

    /// point_id → index of the point (the kept points of `service_points.csv`).
    let points: [String: Int]

    public init(points: [String: Int]) {
        self.points = points
    }

    public func validate(_ row: SchemaRow) throws(FieldError) -> ServicePointFeedback {
        let id = try row.required(Column.id)
        let pointID = try row.required(Column.pointID)
        guard let point = points[pointID] else {
            throw FieldError(.unknownPoint, "服务网点文件中没有网点编号 \(pointID) 的网点")
        }
        _ = try row.required(Column.receivedOn)
        let receivedOn = try row.parse(Column.receivedOn, CalendarDate.init(parsing:))
        return ServicePointFeedback(id: id, point: point, receivedOn: receivedOn,
                                    resolvedOn: try row.optionalDate(Column.resolvedOn))
    }

    public func canonicalFields(_ feedback: ServicePointFeedback, _ row: SchemaRow) -> [String] {
        Column.canonicalRow(passThrough: row.passThrough) { column in
            switch column {
            case .receivedOn: feedback.receivedOn.iso
            case .resolvedOn: feedback.resolvedOn?.iso ?? ""
            default: row.text(column)
            }
        }
    }
}
