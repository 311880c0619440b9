import Testing
@testable import JGPipe

/// W1: vehicle 0 is open, vehicle 1 closed.
@Suite("W1 unprocessed violations")
struct W1Tests {
    @Test("count, points, fines and the oldest date per open vehicle")
    func totals() throws {
        let records = [
            violation("V1", occurred: "2024-05-03 08:00", points: 3, fine: try Money(parsing: "150.50")),
            violation("V2", occurred: "2024-04-30 23:59", points: 0, fine: .zero),
            violation("V3", occurred: "2024-03-01 10:00", points: 6, fine: try Money(parsing: "200"),
                      processed: "2024-03-05 10:00", handler: ViolationPeople.owner),        // processed: not counted
            violation("V4", occurred: "2024-05-20 12:00", points: 1, fine: try Money(parsing: "0.50")),
            violation("V5", vehicle: 1, occurred: "2024-01-01 00:00", points: 12, fine: try Money(parsing: "2000")),
        ]
        let groups = applyW1(records, asOf: day("2024-08-01")) { $0 == 0 }
        // Vehicle 0: V1, V2, V4 → 3 violations, 3 + 0 + 1 = 4 points, 150.50 + 0 + 0.50 = 151.00 yuan,
        // oldest 2024-04-30. Vehicle 1 is closed: no notice.
        #expect(groups.count == 1)
        let group = try #require(groups.first)
        #expect(group.vehicle == 0)
        #expect(group.count == 3)
        #expect(group.points == 4)
        #expect(group.fines.decimal == "151.00")
        #expect(group.oldest == instant("2024-04-30 23:59"))
        #expect(group.violationIDs == ["V1", "V2", "V4"])
        #expect(NoticeFact.idSet(["V4", "V1", "V2"]) == "V1;V2;V4")
    }

    @Test("nothing unprocessed, nothing told")
    func none() {
        let records = [violation("V1", processed: "2024-07-11 10:00", handler: ViolationPeople.owner)]
        #expect(applyW1(records, asOf: day("2024-08-01")) { _ in true }.isEmpty)
    }

    /// A dump replayed with an earlier as-of date: on A = 2024-06-01 a violation of 2 June has
    /// not happened yet, one of 1 June (any time that day) has.
    @Test("violations after A are not counted; on A they are")
    func afterAsOf() throws {
        let records = [
            violation("V1", occurred: "2024-06-01 23:59", points: 2, fine: try Money(parsing: "100")),
            violation("V2", occurred: "2024-06-02 00:00", points: 3, fine: try Money(parsing: "200")),
            violation("V3", vehicle: 2, occurred: "2024-07-05 08:30", points: 6),
        ]
        var byVehicle = UnprocessedByVehicle(asOf: day("2024-06-01"))
        for v in records { byVehicle.add(v, vehicleIsOpen: true) }
        #expect(byVehicle.groups.count == 1 && byVehicle.occurredAfterAsOf == 2)
        let group = byVehicle.group(0)
        #expect(group.vehicle == 0 && group.count == 1 && group.points == 2 && group.fines.decimal == "100.00")
        #expect(group.violationIDs == ["V1"] && group.oldest == instant("2024-06-01 23:59"))
        // A day later both of vehicle 0 count; vehicle 2's still has not happened.
        #expect(applyW1(records, asOf: day("2024-06-02")) { _ in true }.map(\.count) == [2])
        #expect(applyW1(records, asOf: day("2024-07-05")) { _ in true }.map(\.count) == [2, 1])
    }
}
