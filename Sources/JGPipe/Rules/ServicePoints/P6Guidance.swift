/// P6 (SPEC §9; measure 七.二 线下网点精准导航): the point a notice names — the open, complete point
/// that offers the notice's service (`NoticeType.service`) in the region of its record, else in that
/// region's detachment, the lowest point_id among equals; none when there is no such point (P3 then
/// lists the gap). The notice's identity does not change with it.
public struct ServicePointGuide: Sendable {
    /// What `notifications.csv` shows of a point, and the `{service_point}` of a message.
    public struct Point: Sendable, Equatable {
        public let id: String
        public let name: String
        public let address: String
        public let hours: String
        /// `{service_point}`: 名称（地址，工作时间）, made once per point, not once per notice.
        public let text: String

        public init(id: String, name: String, address: String, hours: String) {
            self.id = id
            self.name = name
            self.address = address
            self.hours = hours
            text = "\(name)（\(address)，\(hours)）"
        }

        /// The point `notifications.csv`'s four columns show; nil when they are empty.
        init?(fields id: String, _ name: String, _ address: String, _ hours: String) {
            guard !id.isEmpty else { return nil }
            self.init(id: id, name: name, address: address, hours: hours)
        }
    }

    /// service → region (or detachment) → the point: two hash look-ups a notice, no key built.
    private var byRegion: [String: [String: Point]] = [:]
    private var byDetachment: [String: [String: Point]] = [:]

    /// No `service_points.csv`: every notice's point columns are empty.
    public static let none = ServicePointGuide()

    public var isEmpty: Bool { byRegion.isEmpty && byDetachment.isEmpty }

    private init() {}

    /// `points`: each open, complete point with its region, detachment and services.
    init(points: [(point: Point, region: String, detachment: String, services: [String])]) {
        for entry in points {
            for service in entry.services {
                Self.keepLowest(&byRegion[service, default: [:]], entry.region, entry.point)
                Self.keepLowest(&byDetachment[service, default: [:]], entry.detachment, entry.point)
            }
        }
    }

    private static func keepLowest(_ table: inout [String: Point], _ key: String, _ point: Point) {
        if let held = table[key], Array(held.id.utf8).lexicographicallyPrecedes(Array(point.id.utf8)) { return }
        table[key] = point
    }

    /// The point for a notice of `type` whose record lies in `region` (detachment `detachment`).
    public func point(for type: NoticeType, region: String, detachment: String) -> Point? {
        guard !isEmpty, let service = type.service else { return nil }
        return byRegion[service]?[region] ?? byDetachment[service]?[detachment]
    }
}

extension RuleWording {
    static let P6 = RuleWording(label: "通知指引线下网点", section: "七.二")
}
