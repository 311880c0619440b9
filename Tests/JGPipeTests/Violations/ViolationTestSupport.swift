@testable import JGPipe

/// A date-time written in a test table.
func instant(_ text: String) -> DateTime {
    try! DateTime(parsing: text)
}

/// People of the violation tests; check characters by GB 11643 (SPEC §0), computed by hand.
enum ViolationPeople {
    /// The owner of vehicle 0.
    static let owner = try! IdentityNumber(type: "A", number: "440106198001010043")
    /// A user the owner registered.
    static let user = try! IdentityNumber(type: "A", number: "440106199003150079")
}

/// A violation of vehicle `vehicle` with the fields the rules read.
func violation(_ id: String, vehicle: Int32 = 0, occurred: String = "2024-07-10 09:00", points: Int = 0,
               fine: Money = .zero, nonSite: Bool = true, processed: String? = nil, handler: IdentityNumber? = nil,
               paid: Bool = false) -> Violation {
    Violation(violationID: id, vehicle: vehicle, occurredAt: instant(occurred), region: try! RegionCode("440106"),
              points: points, fine: fine, nonSite: nonSite, processedAt: processed.map(instant),
              handler: processed == nil ? nil : handler, paid: paid)
}
