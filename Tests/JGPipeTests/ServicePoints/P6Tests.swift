import Testing
@testable import JGPipe

/// P6: the point a notice names — its service in the record's region, else in its detachment, the
/// lowest point_id among equals.
@Suite("P6 service point guidance")
struct P6Tests {
    static func point(_ id: String) -> ServicePointGuide.Point {
        .init(id: id, name: "网点\(id)", address: "地址\(id)", hours: "周一至周五 08:30-17:30")
    }

    static let guide = ServicePointGuide(points: [
        (point("P3"), "440106", "440100", ["换证", "体检"]),
        (point("P2"), "440106", "440100", ["换证"]),
        (point("P10"), "440113", "440100", ["换证", "违法处理"]),
        (point("P9"), "310115", "310100", ["罚款缴纳"]),
    ])

    @Test("the record's region first, the lowest id among equals (text order: P10 before P2)")
    func region() {
        #expect(Self.guide.point(for: .licenceRenewalDue, region: "440106", detachment: "440100")?.id == "P2")
        #expect(Self.guide.point(for: .licenceMedicalDue, region: "440106", detachment: "440100")?.id == "P3")
        #expect(Self.guide.point(for: .licenceRenewalDue, region: "440113", detachment: "440100")?.id == "P10")
    }

    @Test("else the region's detachment; none when no point offers the service, or the notice has none")
    func detachment() {
        #expect(Self.guide.point(for: .licenceRenewalOverdue, region: "440105", detachment: "440100")?.id == "P10")
        #expect(Self.guide.point(for: .violationsUnprocessed, region: "", detachment: "440100")?.id == "P10")
        #expect(Self.guide.point(for: .licenceReviewDue, region: "440106", detachment: "440100") == nil)
        #expect(Self.guide.point(for: .fineUnpaid, region: "440106", detachment: "440100") == nil)
        #expect(Self.guide.point(for: .fineUnpaid, region: "310101", detachment: "310100")?.id == "P9")
        #expect(Self.guide.point(for: .ecertAvailable, region: "440106", detachment: "440100") == nil)
        #expect(ServicePointGuide.none.point(for: .licenceRenewalDue, region: "440106", detachment: "440100") == nil)
    }

    @Test("{service_point} is the name, address and hours")
    func text() {
        #expect(Self.point("P1").text == "网点P1（地址P1，周一至周五 08:30-17:30）")
    }
}
