import Foundation
import Glibc
import Testing
@testable import JGPipe

/// A run killed part-way (SIGKILL: no handler runs) publishes nothing and records nothing as
/// published; the next run takes the lock over, clears the dead run's staging folder, records
/// the dead run as killed, and succeeds.
@Suite struct KilledRunTests {
    @Test(.timeLimit(.minutes(5))) func killedRunLeavesNothingAndNextRunSucceeds() throws {
        let base = RunHarness.temporaryFolder("jgpipe-kill")
        let input = base + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        // 13 accounts per unit on average: R2 removes some, so the good run has notices.
        try LargeDump.write(units: 8_000, accounts: 100_000, into: input)
        let out = base + "/out", state = base + "/state"
        let arguments = ["run", "--input-dir", input, "--out", out, "--state", state, "--as-of", "2024-06-01"]

        // Kill while the accounts are being read.
        let (process, _, staging) = try JGPipeBinary.startReadingAccounts(arguments, out: out)
        #expect(process.isRunning, "the run ended before it could be killed; make the dump larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        #expect(!fileExists(out))
        #expect(fileExists(staging))
        let ledger = try RunLedger(path: state + "/" + RunLedger.fileName)
        #expect(try ledger.publishedNotices().isEmpty)
        #expect(try ledger.runs().map(\.outcome) == [.running])
        #expect(RunLock.holder(stateDirectory: state)?.pid == process.processIdentifier)

        let again = try JGPipeBinary.run(arguments)
        #expect(again.code == 0, "\(again.stderr)")
        #expect(again.stderr.contains("took over the run lock"))
        #expect(again.stderr.contains("previous_pid=\(process.processIdentifier)"))
        #expect(fileExists(out + "/notifications.csv"))
        #expect(!fileExists(staging))
        let runs = try ledger.runs()
        #expect(runs.map(\.outcome) == [.killed, .succeeded])
        let written = try RunHarness.records(out + "/notifications.csv").count
        #expect(written > 0)
        #expect(try ledger.publishedNotices().count == written)
    }
}
