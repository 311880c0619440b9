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

    /// Issue #29: jgpipe uses its libraries through their interfaces; it defines no symbol that
    /// libxlsxwriter, minizip, zlib or libc define, which their calls through the PLT could reach
    /// instead of their own. Only the linker's own markers are in both.
    static let linkerMarkers: Set = ["__bss_start", "_edata", "_end", "_init", "_fini", "__data_start", "data_start"]

    func dynamicSymbols(_ file: String) throws -> Set<Substring> {
        let (code, text) = try output("/usr/bin/nm", ["-D", "--defined-only", file])
        #expect(code == 0, "nm \(file): \(text)")
        return Set(text.split(separator: "\n").compactMap { $0.split(separator: " ").last?.split(separator: "@").first })
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/nm"), "nm (binutils) is not installed"))
    func theBinaryShadowsNoLibrarySymbol() throws {
        for binary in [repositoryRoot + "/.build/debug/jgpipe", Self.binary] where FileManager.default.isExecutableFile(atPath: binary) {
            let (code, libraries) = try output("/usr/bin/ldd", [binary])
            #expect(code == 0, "\(libraries)")
            let own = try dynamicSymbols(binary)
            var checked = 0
            for line in libraries.split(separator: "\n") {
                let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard let arrow = parts.firstIndex(of: "=>"), arrow + 1 < parts.count else { continue }
                let name = String(parts[arrow - 1]), path = String(parts[arrow + 1])
                guard ["libxlsxwriter", "libminizip", "libz.", "libc."].contains(where: name.hasPrefix) else { continue }
                checked += 1
                let shared = own.intersection(try dynamicSymbols(path)).filter { !Self.linkerMarkers.contains(String($0)) }
                #expect(shared.isEmpty, "\(binary) defines \(shared.sorted()) of \(name)")
            }
            #expect(checked == 4, "\(binary): libxlsxwriter, minizip, zlib and libc in \(libraries)")
        }
    }
}
