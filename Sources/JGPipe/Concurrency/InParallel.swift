import Dispatch
import Foundation
import Synchronization

/// Runs `work(0..<count)`, each index once, on one thread per core, each thread taking the next
/// index when done with one (independent pieces of uneven size, such as one workbook per
/// detachment). After an error no more are started; the error of the lowest index is thrown.
///
/// Why the `nonisolated(unsafe)` is sound: `work` is called only while `inParallel` runs
/// (`concurrentPerform` waits for every thread), each index once; the caller promises that what
/// `work` shares between indexes is only read, or takes its own lock (as `OutputDigests` does).
/// Callers need no unsafe code of their own.
func inParallel(_ count: Int, _ work: (Int) throws -> Void) throws {
    let workers = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
    let next = Atomic<Int>(0)
    let failed = Atomic<Bool>(false)
    let errors = Mutex<[(index: Int, error: any Error)]>([])
    withoutActuallyEscaping(work) { work in
        nonisolated(unsafe) let work = work
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while !failed.load(ordering: .relaxed) {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < count else { return }
                do {
                    try work(k)
                } catch {
                    failed.store(true, ordering: .relaxed)
                    errors.withLock { $0.append((k, error)) }
                }
            }
        }
    }
    if let first = errors.withLock({ $0.min { $0.index < $1.index } }) { throw first.error }
}
