/// The `[service_points]` section of the pipeline file (SPEC §9, measure 七.一).
public struct ServicePointSettings: Equatable, Sendable {
    /// `point_kind` values (网点类型).
    public var kinds: [String]
    /// Kinds with a hall, whose points must say which window serves which service (窗口指引).
    public var kindsWithHall: [String]
    /// `services` codes (业务范围).
    public var services: [String]
    /// P2: a point is verified when verified_on is within [verify_from, A]; after verify_by an
    /// open point not verified is a gap (七.一: 6月25日前完成核查).
    public var verifyFrom: CalendarDate
    public var verifyBy: CalendarDate
    /// P4: the share of a detachment's open points the 总队 checks each week, and the least.
    public var spotCheckShare: Double
    public var spotCheckMin: Int
    /// P5: unresolved feedback older than this many days on A is on the work list (及时处理).
    public var feedbackDays: Int

    public static let defaults = ServicePointSettings(
        kinds: ["车管所", "车管分所", "交警大队窗口", "检验机构", "邮政或银行代办点", "自助服务区"],
        kindsWithHall: ["车管所", "车管分所", "交警大队窗口"],
        services: ["机动车检验", "检验标志", "报废", "注销登记", "驾驶人考试", "换证", "审验", "体检", "违法处理", "罚款缴纳",
                   "机动车登记", "牌证补换"],
        verifyFrom: CalendarDate(year: 2024, month: 6, day: 1)!, verifyBy: CalendarDate(year: 2024, month: 6, day: 25)!,
        spotCheckShare: 0.05, spotCheckMin: 3, feedbackDays: 5)

    public init(kinds: [String], kindsWithHall: [String], services: [String], verifyFrom: CalendarDate,
                verifyBy: CalendarDate, spotCheckShare: Double, spotCheckMin: Int, feedbackDays: Int) {
        self.kinds = kinds
        self.kindsWithHall = kindsWithHall
        self.services = services
        self.verifyFrom = verifyFrom
        self.verifyBy = verifyBy
        self.spotCheckShare = spotCheckShare
        self.spotCheckMin = spotCheckMin
        self.feedbackDays = feedbackDays
    }

    public init(_ table: SettingsTable) throws {
        let d = Self.defaults
        kinds = try table.stringList("kinds", default: d.kinds)
        kindsWithHall = try table.stringList("kinds_with_hall", default: d.kindsWithHall)
        services = try table.stringList("services", default: d.services)
        verifyFrom = try table.date("verify_from", default: d.verifyFrom)
        verifyBy = try table.date("verify_by", default: d.verifyBy)
        spotCheckShare = try table.double("spot_check_share", default: d.spotCheckShare)
        spotCheckMin = try table.int("spot_check_min", default: d.spotCheckMin, range: 0...100_000)
        feedbackDays = try table.int("feedback_days", default: d.feedbackDays, range: 0...3660)
        guard (0...1).contains(spotCheckShare) else {
            throw SettingsError("\(table.path).spot_check_share: \(spotCheckShare) is not a share between 0 and 1")
        }
        guard verifyFrom <= verifyBy else {
            throw SettingsError("\(table.path).verify_from \(verifyFrom.iso) is after verify_by \(verifyBy.iso)")
        }
        if let stray = kindsWithHall.first(where: { !kinds.contains($0) }) {
            throw SettingsError("\(table.path).kinds_with_hall: \(stray) is not one of kinds")
        }
    }
}
