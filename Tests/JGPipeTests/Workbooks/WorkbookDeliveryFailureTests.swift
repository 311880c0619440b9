import Foundation
import Glibc
import Synchronization
import Testing
@testable import JGPipe

/// SPEC §5 "complete or not at all" with the workbooks (SPEC §6), which are written while the
/// notices are delivered (`DetachmentWorkbooks.Writing`): a delivery that fails while the writers
/// are at work fails the run before anything is published, leaves no workbook in `--out` or
/// beside it, and the ledger records the run as failed with no notice published. The next run
/// then publishes everything.
@Suite struct WorkbookDeliveryFailureTests {
    struct DeliveryFault: Error {}

    @Test func aDeliveryFailingWhileTheWorkbooksAreWrittenPublishesNothing() throws {
        let base = RunHarness.temporaryFolder("jgpipe-workbook-delivery")
        let out = base + "/out", state = base + "/state"
        let staging = OutputFolder(target: out).staging
        let writersHadBegun = Atomic<Bool>(false)
        // Only this test's run fails (the fault point is shared by the tests running meanwhile),
        // and only once the writers have begun: their folder is in the staging folder.
        Pipeline.faultAfterNoticeDelivery.withLock {
            $0 = { folder in
                guard folder == staging else { return }
                let deadline = monotonicSeconds() + 60
                while !fileExists(folder + "/" + DetachmentWorkbooks.folder) && monotonicSeconds() < deadline { usleep(1_000) }
                writersHadBegun.store(fileExists(folder + "/" + DetachmentWorkbooks.folder), ordering: .relaxed)
                throw DeliveryFault()
            }
        }
        let failed: RunOutcome
        do {
            defer { Pipeline.faultAfterNoticeDelivery.withLock { $0 = nil } }
            failed = try ledgerRun(output: out, state: state)
        }
        let begun = writersHadBegun.load(ordering: .relaxed)
        #expect(begun)
        #expect(failed.exitCode != .ok, "\(failed.message)")
        #expect(failed.message.contains("DeliveryFault"), "\(failed.message)")
        // Nothing published, nothing staged or held aside left: the state folder only.
        #expect(!fileExists(out) && !fileExists(staging))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["state"])
        #expect(try RunHarness.outputFiles(base).allSatisfy { !$0.hasSuffix(".xlsx") && !$0.hasSuffix(".csv") })
        let ledger = try RunLedger(path: state + "/" + RunLedger.fileName)
        #expect(try ledger.publishedNotices().isEmpty)
        #expect(try ledger.runs().map(\.outcome) == [.failed])

        // The same night again, delivered: the workbooks and the sample's 9 notices are published.
        let next = try ledgerRun(output: out, state: state)
        #expect(next.exitCode == .ok, "\(next.message)")
        #expect(try !RunHarness.outputFiles(out + "/" + DetachmentWorkbooks.folder).filter { $0.hasSuffix(".xlsx") }.isEmpty)
        #expect(try ledger.publishedNotices().count == 9)
        #expect(try ledger.runs().map(\.outcome) == [.failed, .succeeded])
    }
}
