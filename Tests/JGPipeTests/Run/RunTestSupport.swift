import Foundation
import Glibc
import Testing
@testable import JGPipe

/// The repository root (for samples and the default pipeline file).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The unit and account samples alone: the run tests count their hand-derived notices
/// (samples/expectations/utf8), which the exam and vehicle samples beside them would change.
let sampleInput: String = {
    let folder = RunHarness.temporaryFolder("jgpipe-unit-samples")
    for file in ["units.csv", "unit_accounts.csv"] {
        try! FileManager.default.createSymbolicLink(atPath: folder + "/" + file,
                                                    withDestinationPath: repositoryRoot + "/samples/utf8/" + file)
    }
    return folder
}()

/// The built `jgpipe` next to the test bundle (`.build/<triple>/debug/jgpipe`): `swift test`
/// builds every product first.
enum JGPipeBinary {
    static var path: String {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: bundle).deletingLastPathComponent()
        // On Linux the test bundle is `jgpipePackageTests.xctest`, a file in the build folder.
        while !folder.path.hasSuffix("/debug") && !folder.path.hasSuffix("/release") && folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("jgpipe").path
    }

    struct Result {
        let code: Int32
        let stdout: String
        let stderr: String
    }

    /// Starts the binary with `arguments`; the caller waits or kills.
    static func start(_ arguments: [String], directory: String = repositoryRoot) throws -> (Process, Pipe, Pipe) {
        #expect(FileManager.default.isExecutableFile(atPath: path), "no jgpipe binary at \(path): run swift build first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Starts a run into `out` and waits until it reads the accounts (units are written before
    /// they are read), for the tests that interrupt a run part-way. Returns its staging folder.
    static func startReadingAccounts(_ arguments: [String], out: String) throws -> (process: Process, errors: Pipe, staging: String) {
        let (process, _, errors) = try start(arguments)
        let staging = out + ".staging-\(process.processIdentifier)"
        let deadline = Date().addingTimeInterval(120)
        while !fileExists(staging + "/units.cleaned.csv") && process.isRunning && Date() < deadline {
            usleep(5_000)
        }
        return (process, errors, staging)
    }

    /// Runs the binary to its end; after `timeout` seconds it is killed and the test fails
    /// (a hang must not stall the suite).
    static func run(_ arguments: [String], directory: String = repositoryRoot, timeout: Double = 600) throws -> Result {
        let (process, out, err) = try start(arguments, directory: directory)
        // Read both pipes while waiting, so a full pipe cannot stall the child.
        let output = PipeOutput()
        let group = DispatchGroup()
        for (pipe, isError) in [(out, false), (err, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                output.set(data, isError: isError)
                group.leave()
            }
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            Issue.record("jgpipe \(arguments.joined(separator: " ")) did not end within \(Int(timeout)) s; killed")
            kill(process.processIdentifier, SIGKILL)
            group.wait()
        }
        process.waitUntilExit()
        return Result(code: process.terminationStatus, stdout: String(decoding: output.stdout, as: UTF8.self),
                      stderr: String(decoding: output.stderr, as: UTF8.self))
    }

    private final class PipeOutput: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var stdout = Data()
        private(set) var stderr = Data()

        func set(_ data: Data, isError: Bool) {
            lock.lock()
            defer { lock.unlock() }
            if isError { stderr = data } else { stdout = data }
        }
    }
}

/// Runs the pipeline in-process over `input` with a state folder (ledger and lock).
func ledgerRun(input: String = sampleInput, output: String, state: String, allNotices: Bool = false,
               overrides: [String] = ["run.max_rejected_ratio=0.5"], asOf: String = "2024-06-01") throws -> RunOutcome {
    var values: [String: SettingValue] = [:]
    for override in overrides { try PipelineFile.apply(override: override, to: &values) }
    let settings = try PipelineSettings(values: values, fileHash: "test-pipeline-hash")
    let request = RunRequest(settings: settings, inputDirectory: input, outputDirectory: output,
                             asOf: try CalendarDate(parsing: asOf), stateDirectory: state, allNotices: allNotices)
    return Pipeline.run(request)
}

func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

func readText(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

/// SHA-256 of a file by the system's `sha256sum`: an implementation independent of ours.
func systemSHA256(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(text.prefix(64))
}

/// Makes valid dumps of any size: `units` units and `accounts` accounts spread over them, so
/// units get more than 10 accounts (R2 removes some and notifies) when accounts > 10 × units.
/// Check characters are computed here from the SPEC's formulas, not by the code under test.
enum LargeDump {
    static func write(units: Int, accounts: Int, into folder: String) throws {
        var unitsText = "unit_code,unit_name,legal_person_id_type,legal_person_id_no,legal_person_name,region_code,contact_phone\n"
        var codes: [String] = []
        for u in 0..<units {
            let code = creditCode(u)
            codes.append(code)
            unitsText += "\(code),单位\(u),A,\(identity(u)),法人\(u),440106,13800138000\n"
        }
        try unitsText.write(toFile: folder + "/units.csv", atomically: false, encoding: .utf8)
        var text = "account_id,unit_code,holder_id_type,holder_id_no,holder_name,holder_phone,registered_at,status,role,replace_permit\n"
        text.reserveCapacity(accounts * 110)
        for a in 0..<accounts {
            let day = 1 + a % 28
            text += "\(a + 1),\(codes[a % units]),A,\(identity(units + a)),用户\(a),13900139000,2023-03-\(day < 10 ? "0" : "")\(day) 08:00:00,active,ordinary,\n"
        }
        try text.write(toFile: folder + "/unit_accounts.csv", atomically: false, encoding: .utf8)
    }

    /// 18-character unified social credit code: `91440106` + 9 digits + GB 32100 check.
    static func creditCode(_ n: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let body = "91440106" + String(format: "%09d", n)
        let sum = zip(body, weights).reduce(0) { $0 + alphabet.firstIndex(of: $1.0)! * $1.1 }
        let check = (31 - sum % 31) % 31
        return body + String(alphabet[check])
    }

    /// 18-character resident identity number: region, a birth date in 1980–1989, sequence, check.
    static func identity(_ n: Int) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let checks = Array("10X98765432")
        let birth = String(format: "198%d%02d%02d", n / 100_000 % 10, 1 + n / 1000 % 12, 1 + n / 10 % 28)
        let body = "440106" + birth + String(format: "%03d", n % 1000)
        precondition(body.count == 17)
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(checks[sum % 11])
    }
}
