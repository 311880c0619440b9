/// The `[violations]` section of the pipeline file (SPEC §8).
public struct ViolationSettings: Equatable, Sendable {
    /// W2: 《行政处罚法》 — a fine is paid within 15 days of the decision.
    public var fineDueDays: Int
    /// W2: 《道路交通安全法》第一百零九条 — after that, 3 % of the fine is added each day.
    public var lateFeePercentPerDay: Int

    public static let defaults = ViolationSettings(fineDueDays: 15, lateFeePercentPerDay: 3)

    public init(fineDueDays: Int, lateFeePercentPerDay: Int) {
        self.fineDueDays = fineDueDays
        self.lateFeePercentPerDay = lateFeePercentPerDay
    }

    public init(_ table: SettingsTable) throws {
        let defaults = ViolationSettings.defaults
        fineDueDays = try table.int("fine_due_days", default: defaults.fineDueDays, range: 0...366)
        lateFeePercentPerDay = try table.int("late_fee_percent_per_day", default: defaults.lateFeePercentPerDay,
                                             range: 0...100)
    }
}
