import Dispatch

/// Runs `body(0)` and `body(1)` at once, one on each core (or only `body(0)` when `halves` is 1,
/// for work too small to split), and returns their results in half order, so what comes out
/// does not depend on which half finished first. Each half must only read what the other may
/// read too; what it makes, it returns.
///
/// Why the two `nonisolated(unsafe)` are sound: half k writes result slot k only, once, and the
/// slots are read only after `concurrentPerform` has returned, which waits for both halves; and
/// `body` is called once per half, never after `inHalves` returns, on state the caller promises
/// is only read while both halves run (the rule above). Rule helpers use this and need no
/// unsafe code of their own.
func inHalves<T>(_ halves: Int, _ body: (Int) -> T) -> [T] {
    precondition(halves == 1 || halves == 2, "one half or two")
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: halves)
    results.initialize(repeating: nil)
    defer { results.deinitialize().deallocate() }
    nonisolated(unsafe) let slots = results
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: halves) { half in slots[half] = body(half) }
    }
    return results.map { $0! }
}
