import Testing
@testable import JGPipe

@Test func versionIsSemantic() {
    #expect(JGPipeVersion.current.split(separator: ".").count == 3)
}
