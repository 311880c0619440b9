import Foundation

/// Work on a thread of its own while the caller goes on with other work; `wait` returns its
/// result or throws its error, and may be called again (a `defer` that only makes sure the
/// work has ended). What the work reads must not change until `wait` returns; the caller and
/// the work may both read it.
///
/// `@unchecked Sendable` is sound because the job's two mutable fields are handed over through
/// `done`: `work` and `outcome` are written only on the job's thread before it signals, and
/// read only after a `wait` for that signal (which re-signals for the next `wait`); what `work`
/// captures is shared with the caller only for reading, the rule above.
final class BackgroundJob<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var work: (() throws -> Value)?
    private var outcome: Result<Value, any Error>?

    /// Where the work runs. A job that may block (on a channel, the disk, the ledger) gets a
    /// thread of its own, so it can never starve the shared pool; a short job that only computes
    /// (a slice's validation, one per 8,192 rows) runs on the shared pool, whose threads are reused.
    enum Start {
        case ownThread
        case sharedPool
    }

    init(_ start: Start = .ownThread, _ work: @escaping () throws -> Value) {
        self.work = work
        let run: @Sendable () -> Void = { [self] in
            outcome = Result { try self.work!() }
            self.work = nil
            done.signal()
        }
        switch start {
        case .ownThread:
            let thread = Thread(block: run)
            thread.stackSize = 1 << 20
            thread.start()
        case .sharedPool:
            DispatchQueue.global().async(execute: run)
        }
    }

    @discardableResult
    func wait() throws -> Value {
        done.wait()
        done.signal()
        return try outcome!.get()
    }
}
