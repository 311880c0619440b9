import Glibc

/// Who holds (or last held) the run lock, as written in the lock file.
public struct LockHolder: Sendable, Equatable, CustomStringConvertible {
    public let pid: Int32
    public let startedAt: String

    public var description: String { "pid \(pid), started \(startedAt)" }

    var fileText: String { "pid=\(pid)\nstarted_at=\(startedAt)\n" }

    init(pid: Int32, startedAt: String) {
        self.pid = pid
        self.startedAt = startedAt
    }

    init?(fileText: String) {
        var pid: Int32?
        var started = ""
        for line in fileText.split(separator: "\n") {
            if line.hasPrefix("pid=") { pid = Int32(line.dropFirst(4)) }
            if line.hasPrefix("started_at=") { started = String(line.dropFirst(11)) }
        }
        guard let pid else { return nil }
        self.init(pid: pid, startedAt: started)
    }
}

/// SPEC §5 "a lock that stops two runs at once": `flock` on `<state>/jgpipe.lock`, which holds
/// the holder's pid and start time. The kernel drops a flock when its process dies, however it
/// dies, so a killed run never blocks the next one; the next run finds the dead run's pid still
/// in the file (a clean release empties it) and reports the takeover.
public final class RunLock {
    public static let fileName = "jgpipe.lock"

    public let path: String
    /// The run that died holding the lock, when this run took it over.
    public let previousHolder: LockHolder?
    private var fd: Int32

    private init(path: String, fd: Int32, previousHolder: LockHolder?) {
        self.path = path
        self.fd = fd
        self.previousHolder = previousHolder
    }

    /// Takes the lock without waiting, or fails with exit code 75 naming the holder.
    public static func acquire(stateDirectory: String, startedAt: String) throws(RunError) -> RunLock {
        let path = stateDirectory + "/" + fileName
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunError(.cannotCreate, "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            let holder = LockHolder(fileText: readAll(fd))
            close(fd)
            guard failure == EWOULDBLOCK else {
                throw RunError(.cannotCreate, "cannot lock \(path): \(String(cString: strerror(failure)))")
            }
            let who = holder.map { "\($0)" } ?? "a process that has not written its pid yet"
            throw RunError(.tempFail, "another jgpipe run holds the lock \(path) (\(who)); try again later")
        }
        let previous = LockHolder(fileText: readAll(fd))
        let mine = LockHolder(pid: getpid(), startedAt: startedAt).fileText
        guard ftruncate(fd, 0) == 0, mine.withCString({ pwrite(fd, $0, strlen($0), 0) }) == mine.utf8.count else {
            let failure = errno
            close(fd)
            throw RunError(.cannotCreate, "cannot write the lock file \(path): \(String(cString: strerror(failure)))")
        }
        fsync(fd)
        return RunLock(path: path, fd: fd, previousHolder: previous)
    }

    /// Empties the lock file (so the next run sees a clean release) and drops the lock.
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// The holder named in the lock file at `path`, if any (for messages and tests).
    public static func holder(stateDirectory: String) -> LockHolder? {
        let fd = open(stateDirectory + "/" + fileName, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return LockHolder(fileText: readAll(fd))
    }

    private static func readAll(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n <= 0 { break }
            bytes += buffer[..<n]
            offset += off_t(n)
            if bytes.count > 4096 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Creates `path` and its missing parents.
func makeDirectories(_ path: String) throws(RunError) {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
        current += "/" + part
        if mkdir(current, 0o755) != 0 && errno != EEXIST {
            throw RunError(.cannotCreate, "cannot create \(current): \(String(cString: strerror(errno)))")
        }
    }
}

/// The wall clock, for the ledger and the manifest only (no other output holds a time):
/// local time with its UTC offset, e.g. `2024-06-01T02:00:03+08:00`.
public func wallClockNow() -> String {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    var seconds = now.tv_sec
    var parts = tm()
    localtime_r(&seconds, &parts)
    var buffer = [CChar](repeating: 0, count: 64)
    let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
    var text = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.count >= 5 { text.insert(":", at: text.index(text.endIndex, offsetBy: -2)) }
    return text
}
