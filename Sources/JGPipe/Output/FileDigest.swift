import Synchronization

/// A file's size and SHA-256, as `manifest.json` lists it.
public struct FileDigest: Sendable, Equatable {
    public var bytes: Int64
    public var hex: String
}

/// Digests of the files a run has written, taken while writing them (`CSVWriter`), so the
/// manifest does not read them again. Writers on other threads record theirs here too.
public final class OutputDigests: Sendable {
    private let byPath = Mutex<[String: FileDigest]>([:])

    public init() {}

    public func record(_ digest: FileDigest, for path: String) {
        byPath.withLock { $0[path] = digest }
    }

    public func digest(of path: String) -> FileDigest? {
        byPath.withLock { $0[path] }
    }
}
