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
        #expect(directory.entries.map(\.vin) == ["VIN1"])
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
        #expect(directory.vehicle(plate: "粤A11111", plateType: "02").map { directory.entries[Int($0)].vin } == "NEW")
        #expect(directory.vehicle(plate: "粤A33333", plateType: "02").map { directory.entries[Int($0)].vin } == "FIRST")
        #expect(directory.ambiguousPlates == 1)
    }
}
