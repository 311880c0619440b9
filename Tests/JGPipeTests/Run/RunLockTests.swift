import Foundation
import Glibc
import Testing
@testable import JGPipe

/// SPEC §5 "a lock that stops two runs at once".
@Suite struct RunLockTests {
    @Test func secondRunExits75NamingTheHolder() throws {
        let base = RunHarness.temporaryFolder()
        let state = base + "/state"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let held = try RunLock.acquire(stateDirectory: state, startedAt: "2024-06-01T02:00:00+08:00")
        let outcome = try ledgerRun(output: base + "/out", state: state)
        #expect(outcome.exitCode == .tempFail)
        #expect(outcome.message.contains("pid \(getpid())"))
        #expect(outcome.message.contains("started 2024-06-01T02:00:00+08:00"))
        #expect(!fileExists(base + "/out"))
        held.release()
        #expect(try ledgerRun(output: base + "/out", state: state).exitCode == .ok)
    }

    /// A lock file still naming a run that died (flock is gone with its process) is taken over.
    @Test func staleLockIsTakenOver() throws {
        let state = RunHarness.temporaryFolder()
        try "pid=999999\nstarted_at=2024-05-31T02:00:00+08:00\n".write(toFile: state + "/jgpipe.lock", atomically: false, encoding: .utf8)
        let lock = try RunLock.acquire(stateDirectory: state, startedAt: "2024-06-01T02:00:00+08:00")
        #expect(lock.previousHolder == LockHolder(pid: 999_999, startedAt: "2024-05-31T02:00:00+08:00"))
        #expect(RunLock.holder(stateDirectory: state) == LockHolder(pid: getpid(), startedAt: "2024-06-01T02:00:00+08:00"))
        lock.release()
        // A clean release empties the file: the next run sees no previous holder.
        #expect(RunLock.holder(stateDirectory: state) == nil)
        let next = try RunLock.acquire(stateDirectory: state, startedAt: "x")
        #expect(next.previousHolder == nil)
    }

    @Test func stateFolderIsCreatedWhenMissing() throws {
        let base = RunHarness.temporaryFolder()
        let outcome = try ledgerRun(output: base + "/out", state: base + "/deep/state")
        #expect(outcome.exitCode == .ok)
        #expect(fileExists(base + "/deep/state/ledger.sqlite"))
        #expect(fileExists(base + "/deep/state/jgpipe.lock"))
    }
}
