import Foundation
import Glibc
import Testing
@testable import JGPipe

/// Small file systems mounted for one test (tmpfs); needs root or CAP_SYS_ADMIN.
enum TestMount {
    /// Whether this process may mount a tmpfs: tried once.
    static let permitted: Bool = {
        guard let folder = try? mount(options: "size=64k") else { return false }
        unmount(folder)
        return true
    }()

    static func mount(options: String) throws -> String {
        let folder = RunHarness.temporaryFolder("jgpipe-mount")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", options, "tmpfs", folder]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw RunError(.usage, "mount -o \(options) failed") }
        return folder
    }

    static func unmount(_ folder: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [folder]
        try? process.run()
        process.waitUntilExit()
        rmdir(folder)
    }
}

/// Faults around a run: a full disk, an output folder that cannot be written, a stop signal.
/// Each must end with a clear error (or exit code) and nothing published; a killed run is
/// recovered by the next (`KilledRunTests`).
@Suite(.serialized) struct FaultTests {
    static func largeInput(accounts: Int = 20_000) throws -> String {
        let input = RunHarness.temporaryFolder("jgpipe-fault-in")
        try LargeDump.write(units: accounts / 12, accounts: accounts, into: input)
        return input
    }

    /// Big enough that the accounts are still being read when the signal comes; made once.
    static let stopInput = Result { try largeInput(accounts: 100_000) }

    static func files(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return files
    }

    /// The disk fills while the outputs are written: exit 73 naming the file and the cause,
    /// the staging folder removed, and the outputs an earlier run published left as they were.
    @Test(.timeLimit(.minutes(5)),
          .enabled(if: TestMount.permitted, "mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN): skipped"))
    func aFullDiskPublishesNothingAndKeepsTheEarlierOutputs() throws {
        let disk = try TestMount.mount(options: "size=1m")
        defer { TestMount.unmount(disk) }
        let out = disk + "/out", state = RunHarness.temporaryFolder("jgpipe-fault-state")
        // A small run fits and is published.
        let first = try JGPipeBinary.run(["run", "--input-dir", sampleInput, "--out", out, "--state", state,
                                          "--as-of", "2024-06-01", "--set", "run.max_rejected_ratio=0.5"], timeout: 120)
        try #require(first.code == 0, "\(first.stderr)")
        let published = Self.files(out)
        #expect(published["notifications.csv"] != nil)

        // 20,000 accounts need several MB of outputs.
        let second = try JGPipeBinary.run(["run", "--input-dir", try Self.largeInput(), "--out", out, "--state", state,
                                           "--as-of", "2024-06-01"], timeout: 120)
        #expect(second.code == 73, "\(second.stderr)")
        #expect(second.stderr.contains("No space left on device"), "\(second.stderr)")
        #expect(second.stderr.contains(disk + "/out.staging-"), "the message names the file: \(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk) == ["out"], "staging folder left behind")
        #expect(Self.files(out) == published, "the earlier outputs changed")
        let ledger = try RunLedger(path: state + "/" + RunLedger.fileName)
        #expect(try ledger.runs().map(\.outcome) == [.succeeded, .failed])
        #expect(try ledger.runs().last?.exitCode == 73)
    }

    /// A read-only file system under --out: exit 73 naming the folder, nothing created.
    @Test(.timeLimit(.minutes(2)),
          .enabled(if: TestMount.permitted, "mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN): skipped"))
    func aReadOnlyOutputFolderIsAClearError() throws {
        let disk = try TestMount.mount(options: "ro,size=64k")
        defer { TestMount.unmount(disk) }
        let result = try JGPipeBinary.run(["run", "--input-dir", sampleInput, "--out", disk + "/out",
                                           "--state", RunHarness.temporaryFolder("jgpipe-fault-state"), "--as-of", "2024-06-01",
                                           "--set", "run.max_rejected_ratio=0.5"], timeout: 60)
        #expect(result.code == 73, "\(result.stderr)")
        #expect(result.stderr.contains("cannot create \(disk)/out.staging-"), "\(result.stderr)")
        #expect(result.stderr.contains("Read-only file system"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk).isEmpty)
    }

    /// --out below a plain file (root ignores permission bits, so this works without a mount).
    @Test(.timeLimit(.minutes(2))) func anOutputFolderBelowAFileIsAClearError() throws {
        let base = RunHarness.temporaryFolder("jgpipe-fault")
        #expect(FileManager.default.createFile(atPath: base + "/file", contents: Data("x".utf8)))
        let result = try JGPipeBinary.run(["run", "--input-dir", sampleInput, "--out", base + "/file/out",
                                           "--state", base + "/state", "--as-of", "2024-06-01",
                                           "--set", "run.max_rejected_ratio=0.5"], timeout: 60)
        #expect(result.code == 73, "\(result.stderr)")
        #expect(result.stderr.contains(base + "/file"), "\(result.stderr)")
        // Refused before the ledger is opened: no state folder either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).sorted() == ["file"])
    }

    /// SIGTERM or SIGINT while the accounts are read: the run stops at its next check, removes
    /// its staging folder, publishes nothing, records itself as failed (no notices), exits
    /// 128 + the signal, and releases the lock; the next run succeeds without a takeover.
    @Test(.timeLimit(.minutes(5)), arguments: [(SIGTERM, Int32(143), "SIGTERM"), (SIGINT, Int32(130), "SIGINT")])
    func aStopSignalEndsTheRunCleanly(_ signal: Int32, _ code: Int32, _ name: String) throws {
        let base = RunHarness.temporaryFolder("jgpipe-stop")
        let input = try Self.stopInput.get()
        let out = base + "/out", state = base + "/state"
        let arguments = ["run", "--input-dir", input, "--out", out, "--state", state, "--as-of", "2024-06-01"]

        let (process, errorPipe, staging) = try JGPipeBinary.startReadingAccounts(arguments, out: out)
        try #require(process.isRunning, "the run ended before the signal; make the dump larger")
        let sent = Date()
        kill(process.processIdentifier, signal)
        let stderr = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(Date().timeIntervalSince(sent) < 10, "the run took long to stop")
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == code, "\(stderr)")
        #expect(stderr.contains("stopped by \(name): nothing was published"), "\(stderr)")
        #expect(!fileExists(out))
        #expect(!fileExists(staging))
        let ledger = try RunLedger(path: state + "/" + RunLedger.fileName)
        #expect(try ledger.runs().map(\.outcome) == [.failed])
        #expect(try ledger.runs().first?.exitCode == code)
        #expect(try ledger.publishedNotices().isEmpty)

        let again = try JGPipeBinary.run(arguments, timeout: 300)
        #expect(again.code == 0, "\(again.stderr)")
        #expect(!again.stderr.contains("took over the run lock"))
        #expect(try ledger.runs().map(\.outcome) == [.failed, .succeeded])
        #expect(fileExists(out + "/notifications.csv"))
    }
}
