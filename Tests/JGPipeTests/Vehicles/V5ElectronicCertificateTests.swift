import Testing
@testable import JGPipe

@Suite("V5 electronic registration certificate")
struct V5ElectronicCertificateTests {
    @Test("a registration region whose first four digits are a pilot prefix")
    func pilot() {
        let pilots: Set<String> = ["4401", "3101"]
        #expect(applyV5(region: try! RegionCode("440106"), pilotPrefixes: pilots))
        #expect(applyV5(region: try! RegionCode("310115"), pilotPrefixes: pilots))
        #expect(!applyV5(region: try! RegionCode("440305"), pilotPrefixes: pilots))
        #expect(!applyV5(region: try! RegionCode("440106"), pilotPrefixes: []))
    }
}
