import Foundation
import Testing

/// Issue #11 part 5: the binary `scripts/install.sh` builds runs on a server without the Swift
/// toolchain. Runs when that binary has been built (`scripts/install.sh`, or JGPIPE_STATIC_BINARY
/// naming one); the suite reports it as skipped otherwise, since building it takes minutes.
@Suite struct DeployableBinaryTests {
    static let binary = ProcessInfo.processInfo.environment["JGPIPE_STATIC_BINARY"]
        ?? repositoryRoot + "/.build-static/release/jgpipe"

    func output(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "build it with scripts/install.sh"))
    func theInstalledBinaryNeedsNoToolchainLibrary() throws {
        let (code, libraries) = try output("/usr/bin/ldd", [Self.binary])
        #expect(code == 0, "\(libraries)")
        for toolchainLibrary in ["libswiftCore", "libFoundation", "lib_FoundationICU", "libdispatch", "libBlocksRuntime", "not found"] {
            #expect(!libraries.contains(toolchainLibrary), "\(toolchainLibrary) in:\n\(libraries)")
        }
        // Every library it needs is a system one.
        for line in libraries.split(separator: "\n") where line.contains("=>") {
            #expect(line.contains("/lib/") || line.contains("/usr/lib/"), "\(line)")
            #expect(!line.contains("swift"), "\(line)")
        }
        // And it runs with an empty environment: no PATH, no LD_LIBRARY_PATH.
        let (versionCode, version) = try output(Self.binary, ["--version"], environment: [:])
        #expect(versionCode == 0, "\(version)")
        #expect(!version.isEmpty)
    }
}
