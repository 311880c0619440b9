import Foundation

/// Work on a thread of its own while the caller goes on with other work; `wait` returns its
/// result or throws its error. What the work reads must not change until `wait` returns; the
/// caller and the work may both read it.
final class BackgroundJob<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Set on the job's thread before `done` is signalled, read only after waiting for it.
    private var work: (() throws -> Value)?
    private var outcome: Result<Value, any Error>?

    init(_ work: @escaping () throws -> Value) {
        self.work = work
        let thread = Thread { [self] in
            outcome = Result { try self.work!() }
            self.work = nil
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    @discardableResult
    func wait() throws -> Value {
        done.wait()
        done.signal()
        return try outcome!.get()
    }
}
