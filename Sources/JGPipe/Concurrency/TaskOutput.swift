import Glibc

/// A worker task's standard output (`jgpipe task`, the Spark engine's workers), in pieces of
/// 1 MiB: a task prints millions of short lines.
///
/// `@unchecked Sendable` is sound because a task process runs one worker step, on its main
/// thread: `shared` is the process's one instance and `append` and `flush` are only called from
/// that thread (`TaskCommand`), so its buffer is never touched by two threads. A lock would cost
/// one acquisition per line for nothing.
public final class TaskOutput: @unchecked Sendable {
    public static let shared = TaskOutput()
    private var buffer: [UInt8] = []

    public func append(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { flush() }
    }

    public func flush() {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { write(1, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { if errno == EINTR { continue } else { break } }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
