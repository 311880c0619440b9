/// What W1 tells a vehicle's owner: its unprocessed violations in total.
public struct UnprocessedViolations: Equatable, Sendable {
    public var vehicle: Int32
    public var count = 0
    public var points = 0
    public var fines = Money.zero
    public var oldest: DateTime
    /// The notice's fact (SPEC §8): the violation ids, as read.
    public var violationIDs: [String] = []
}

/// W1 (SPEC §8; measure 七 交通违法处理): one VIOLATIONS_UNPROCESSED notice per open vehicle with
/// unprocessed violations, naming their count, points and fines in total and the oldest one's
/// date. Returned in the order of each vehicle's first unprocessed violation.
func applyW1(_ violations: [Violation], vehicleIsOpen: (Int32) -> Bool) -> [UnprocessedViolations] {
    var slot: [Int32: Int] = [:]
    var result: [UnprocessedViolations] = []
    for v in violations where !v.isProcessed && vehicleIsOpen(v.vehicle) {
        let k: Int
        if let existing = slot[v.vehicle] {
            k = existing
        } else {
            k = result.count
            slot[v.vehicle] = k
            result.append(UnprocessedViolations(vehicle: v.vehicle, oldest: v.occurredAt))
        }
        result[k].count += 1
        result[k].points += v.points
        result[k].fines = result[k].fines + v.fine
        result[k].oldest = min(result[k].oldest, v.occurredAt)
        result[k].violationIDs.append(v.violationID)
    }
    return result
}

extension RuleWording {
    static let W1 = RuleWording(label: "交通违法未处理提示", section: "七.二")
}
