import Testing
@testable import JGPipe

/// The plate directory keeps what the vehicle stage keeps, and joins by plate and plate type.
@Suite("vehicle directory")
struct VehicleDirectoryTests {
    func entry(_ vin: String, _ plate: String, _ type: String = "02", open: Bool = true) -> VehicleDirectory.Entry {
        VehicleDirectory.Entry(vin: vin, owner: .person(ViolationPeople.owner), ownerName: "张一", ownerPhone: "",
                               plate: plate, plateType: type, detachment: "440100", isOpen: open)
    }

    @Test("identical rows collapse; a VIN on rows that differ is left out, as the vehicle stage rejects it")
    func duplicates() {
        let directory = VehicleDirectory(vehicles: [
            (entry("VIN1", "粤A11111"), 1), (entry("VIN1", "粤A11111"), 1),
            (entry("VIN2", "粤A22222"), 2), (entry("VIN2", "粤A22223"), 3),
        ])
        #expect(directory.count == 1 && directory.entry(0).vin == "VIN1")
        #expect(directory.vehicle(plate: "粤A11111", plateType: "02") == 0)
        #expect(directory.vehicle(plate: "粤A22222", plateType: "02") == nil)
        #expect(directory.vehicle(plate: "粤A11111", plateType: "01") == nil)
    }

    @Test("a plate reissued: the open vehicle wins; two open ones: the first, counted")
    func reissued() {
        let directory = VehicleDirectory(vehicles: [
            (entry("OLD", "粤A11111", open: false), 1), (entry("NEW", "粤A11111"), 2),
            (entry("FIRST", "粤A33333"), 3), (entry("SECOND", "粤A33333"), 4),
        ])
        #expect(directory.vehicle(plate: "粤A11111", plateType: "02").map { directory.entry($0).vin } == "NEW")
        #expect(directory.vehicle(plate: "粤A33333", plateType: "02").map { directory.entry($0).vin } == "FIRST")
        #expect(directory.ambiguousPlates == 1)
    }

    @Test("an entry reads back as it went in: a person's and a unit's vehicle")
    func entriesRoundTrip() throws {
        let unit = try CreditCode("91440101MA5C111109")
        let person = entry("LSVAB2BM9RA100001", "粤AD12345", "52")
        let company = VehicleDirectory.Entry(vin: "LSVAB2BM1RA100002", owner: .unit(unit), ownerName: "广州市某运输有限公司",
                                             ownerPhone: "020-83118888", plate: "粤B12345", plateType: "01",
                                             detachment: "440300", isOpen: false)
        let directory = VehicleDirectory(vehicles: [(person, 1), (company, 2)])
        #expect(directory.entry(0) == person && directory.entry(1) == company)
        #expect(directory.owner(0) == .person(ViolationPeople.owner) && directory.owner(1) == .unit(unit))
        #expect(directory.isOpen(0) && !directory.isOpen(1))
        #expect(directory.detachment(1) == "440300" && directory.field(1, .ownerID) == "91440101MA5C111109")
        #expect(directory.vehicle(plate: "粤B12345", plateType: "01") == 1)
    }

    @Test("thousands of plates: the index grows and finds each one, and no other")
    func manyPlates() {
        let vehicles = (0..<5000).map { k in (entry("VIN\(k)", "粤A\(10000 + k)"), UInt64(k)) }
        let directory = VehicleDirectory(vehicles: vehicles)
        #expect(directory.count == 5000)
        #expect((0..<5000).allSatisfy { directory.vehicle(plate: "粤A\(10000 + $0)", plateType: "02") == Int32($0) })
        #expect(directory.vehicle(plate: "粤A15000", plateType: "02") == nil)
        #expect(directory.vehicle(plate: "粤A10000", plateType: "2") == nil)
    }
}
