import Foundation
import Testing
@testable import JGPipe

/// Golden runs over `samples/<set>/` with as-of 2024-06-01 (E = 2024-07-01), compared with the
/// hand-derived files in `samples/expectations/<set>/`. Other stages' files may share the sample
/// folders, so only the vehicle outputs are compared.
@Suite("vehicle samples")
struct VehicleSamplesTests {
    /// The expectations assume Guangzhou (4401) is an electronic-certificate pilot city.
    static let overrides = ["vehicles.ecert_pilot_regions=4401"]

    func expected(_ set: String, _ name: String) throws -> [[String]] {
        try RunHarness.readCSV("\(RunHarness.samples)/expectations/\(set)/\(name)").rows
    }

    @Test("outputs match the expectations", arguments: ["utf8", "gb18030"])
    func sampleSet(_ set: String) throws {
        let (outcome, out) = try RunHarness.runSample(set, overrides: Self.overrides)
        #expect(outcome.exitCode == .ok, "\(outcome.message)")

        let cleaned = try RunHarness.records(out + "/vehicles.cleaned.csv")
        #expect(cleaned.map { [$0["vin"]!, $0["vin_check"]!, $0["scrap_on"]!] } == (try expected(set, "vehicles.csv")))

        let vehicleTypes = Set(NoticeType.vehicleTypes.map(\.rawValue))
        let notices = try RunHarness.records(out + "/notifications.csv").filter { vehicleTypes.contains($0["notice_type"]!) }
        #expect(notices.map { [$0["notice_type"]!, $0["recipient_id"]!, $0["record_id"]!, $0["due_on"]!] }
            == (try expected(set, "vehicle_notices.csv")))

        let worklist = try RunHarness.readCSV(out + "/vehicles.deregistration_worklist.csv")
        #expect(worklist.header == VehicleStage.worklistColumns)
        #expect(worklist.rows == (try expected(set, "deregistration_worklist.csv")))

        let counts = try #require(outcome.datasets.first { $0.0 == "vehicles" }?.1)
        #expect(counts.isConserved)
        #expect(counts.collapsedDuplicates == 1)
        #expect(counts.rejectedByCode == [.invalidPlate: 1, .invalidVIN: 1, .invalidCode: 1, .invalidDate: 1])
    }
}
