import Foundation

/// A first-in first-out hand-over between one producer thread and one consumer, holding at
/// most `capacity` items, so a fast producer cannot run ahead with a whole file: the reader's
/// batches (capacity 8) and a write-behind writer's buffers (capacity 3).
///
/// `@unchecked Sendable` is sound because every mutable field is read and written only while
/// `condition` is locked.
final class BoundedChannel<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Taken items are set to nil at once, so the channel keeps no taken item alive.
    private var items: [Item?] = []
    private var head = 0
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Blocks while full; false when the consumer has cancelled (the producer should stop).
    @discardableResult
    func send(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Ends the stream, with the producer's error if it failed.
    func finish(throwing error: Error? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next item; nil at the end; throws the producer's error once the items before it are taken.
    func receive() throws -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !finished { condition.wait() }
        if head < items.count {
            let item = items[head]!
            items[head] = nil
            head += 1
            if head > 64 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return item
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer stops early: a blocked or later `send` returns false.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
