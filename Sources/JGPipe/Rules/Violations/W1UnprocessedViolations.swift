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
/// date. A violation that occurred after A (a dump replayed with an earlier as-of date) is not
/// one yet: the notice must be true on the day it is sent. Returned in the order of each
/// vehicle's first unprocessed violation.
func applyW1(_ violations: [Violation], asOf: CalendarDate, vehicleIsOpen: (Int32) -> Bool) -> [UnprocessedViolations] {
    var byVehicle = UnprocessedByVehicle(asOf: asOf)
    for v in violations { byVehicle.add(v, vehicleIsOpen: vehicleIsOpen(v.vehicle)) }
    return byVehicle.groups.indices.map(byVehicle.group)
}

/// W1 counted as violations stream past: per vehicle its totals, and the ids (the notice's fact)
/// in one byte buffer rather than a `String` each — memory grows with the unprocessed violations
/// of open vehicles (their id bytes and 8 bytes each) and the vehicles that have them (≈ 80 bytes).
struct UnprocessedByVehicle {
    private struct Totals {
        var vehicle: Int32
        var count: Int32 = 0
        var points: Int32 = 0
        var fines: Int64 = 0
        var oldest: DateTime
        var firstID: Int32 = -1
        var lastID: Int32 = -1
    }

    let asOf: CalendarDate
    /// Unprocessed violations of open vehicles left out because they occurred after A.
    private(set) var occurredAfterAsOf = 0
    private var slot: [Int32: Int32] = [:]
    private var totals: [Totals] = []
    private var idBytes: [UInt8] = []
    private var idEnds: [UInt32] = []
    /// The next id of the same vehicle, or -1.
    private var idNext: [Int32] = []

    /// Vehicles with unprocessed violations, in the order of their first one.
    var groups: Range<Int> { totals.indices }

    init(asOf: CalendarDate) {
        self.asOf = asOf
    }

    mutating func add(_ v: Violation, vehicleIsOpen: Bool) {
        guard !v.isProcessed, vehicleIsOpen else { return }
        guard v.occurredAt.date <= asOf else {
            occurredAfterAsOf += 1
            return
        }
        let k: Int
        if let existing = slot[v.vehicle] {
            k = Int(existing)
        } else {
            k = totals.count
            slot[v.vehicle] = Int32(k)
            totals.append(Totals(vehicle: v.vehicle, oldest: v.occurredAt))
        }
        totals[k].count += 1
        totals[k].points += Int32(v.points)
        totals[k].fines += v.fine.cents
        totals[k].oldest = min(totals[k].oldest, v.occurredAt)
        let id = Int32(idEnds.count)
        idBytes.append(contentsOf: v.violationID.utf8)
        idEnds.append(UInt32(idBytes.count))
        idNext.append(-1)
        if totals[k].lastID >= 0 { idNext[Int(totals[k].lastID)] = id } else { totals[k].firstID = id }
        totals[k].lastID = id
    }

    /// The totals of the k-th vehicle, with its ids in input order.
    func group(_ k: Int) -> UnprocessedViolations {
        let t = totals[k]
        var ids: [String] = []
        ids.reserveCapacity(Int(t.count))
        var id = t.firstID
        while id >= 0 {
            let start = id == 0 ? 0 : Int(idEnds[Int(id) - 1])
            ids.append(String(decoding: idBytes[start..<Int(idEnds[Int(id)])], as: UTF8.self))
            id = idNext[Int(id)]
        }
        return UnprocessedViolations(vehicle: t.vehicle, count: Int(t.count), points: Int(t.points),
                                     fines: Money(cents: t.fines), oldest: t.oldest, violationIDs: ids)
    }
}

extension RuleWording {
    static let W1 = RuleWording(label: "交通违法未处理提示", section: "七.二")
}

extension NoticeWording {
    /// 七 交通违法处理 (W1): one notice per vehicle with its unprocessed violations in total.
    static let violationsUnprocessed = NoticeWording(
        "【交管12123】{owner_name}：{you}名下号牌为{plate_no}的机动车有{count}起交通违法未处理（最早一起发生于{oldest_on}），共记{points}分、罚款{fines}元，请及时通过“交管12123”APP或到公安机关交通管理部门处理。",
        placeholders: ["owner_name", "you", "plate_no", "count", "points", "fines", "oldest_on", "due_on"])
}
