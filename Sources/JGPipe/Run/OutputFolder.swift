import Glibc
import Logging
import Synchronization
private import CPosix

/// SPEC §5 "Outputs appear in --out complete or not at all": a run writes into a sibling
/// staging folder, which is then swapped with `--out` in one rename (`RENAME_EXCHANGE`).
///
/// SPEC §5 "Nothing of the user's is ever deleted": `--out` is checked before anything is read
/// (`checkPlacement`, `checkReplaceable`) and again just before the swap; an earlier output is
/// removed file by file, only the files its manifest lists. A staging folder carries a marker
/// file from its creation until it is published or held, and only a marked folder is ever
/// removed as a whole; `<out>.held` is replaced only when it is a jgpipe output.
public struct OutputFolder {
    public let target: String
    public let staging: String
    public var held: String { target + ".held" }

    /// Inside a staging folder from its creation until it is moved into place.
    static let stagingMarker = ".jgpipe-staging"

    public init(target: String) {
        var target = target
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        self.target = target
        staging = target + ".staging-\(getpid())"
    }

    /// Exit 64 when `--out` (or the held folder beside it) is, contains or lies inside the
    /// input folder or the state folder: replacing it would remove the user's dump or ledger.
    public func checkPlacement(inputDirectory: String, stateDirectory: String?) throws(RunError) {
        let out = resolvedPath(target)
        let others = [("--input-dir", inputDirectory)] + (stateDirectory.map { [("--state", $0)] } ?? [])
        for (option, path) in others {
            let other = resolvedPath(path)
            for (name, mine) in [(target, out), (held, resolvedPath(held))] {
                let relation: String? = mine == other ? "is the same folder as"
                    : isSameOrInside(mine, other) ? "lies inside"
                    : isSameOrInside(other, mine) ? "contains" : nil
                guard let relation else { continue }
                let what = name == target ? "--out \(target)" : "the held-outputs folder \(held) (beside --out)"
                throw RunError(.usage, "\(what) \(relation) \(option) \(path) (\(other)): a run replaces its output folder, so it must be a folder of its own, outside the inputs and the state")
            }
        }
    }

    /// Exit 73 when `--out` exists and is neither empty nor an earlier jgpipe output: it is left
    /// exactly as it was.
    public func checkReplaceable() throws(RunError) {
        if case let .notJGPipe(reason) = WrittenOutput.inspect(target) {
            throw RunError(.cannotCreate, "--out \(target) \(reason): jgpipe replaces only an empty folder or an earlier jgpipe output (its manifest.json); give a new folder, or empty this one")
        }
    }

    /// Creates the staging folder (marked as jgpipe's), and the folders above `--out` when
    /// they are missing.
    public func prepare() throws {
        try makeFolders(parent(of: target))
        // One left by an earlier process that had this pid.
        if Self.isMarkedStaging(staging) { try removeTree(staging) }
        guard mkdir(staging, 0o755) == 0 else {
            let reason = errno == EEXIST ? "it exists and is not a staging folder of jgpipe, so it is left alone"
                : String(cString: strerror(errno))
            throw RunError(.cannotCreate, "cannot create \(staging): \(reason)")
        }
        try Pipeline.writeText("\(getpid())\n", to: staging + "/" + Self.stagingMarker)
    }

    /// A test-only fault point inside `publish`, between the checks and the swap, called with
    /// the target: the tests prove `--out` still holds the earlier complete output when a run
    /// stops there.
    static let faultBeforeSwap = Mutex<(@Sendable (String) throws -> Void)?>(nil)

    /// Moves the staging folder into place; an earlier output is swapped out in one rename,
    /// then removed file by file.
    public func publish(logger: Logger = .silent) throws {
        let previous = try replaceableNow(target)
        unmark()
        do {
            syncDirectory(staging)
            try Self.faultBeforeSwap.withLock { $0 }?(target)
            if case .jgpipe = previous {
                guard jg_rename_exchange(staging, target) == 0 else {
                    throw RunError(.cannotCreate, "cannot replace \(target): \(String(cString: strerror(errno)))")
                }
                // The earlier output now lies at the staging path.
                removeEarlierOutput(at: staging, logger: logger)
            } else {
                // Absent, or an empty folder (which rename replaces).
                guard rename(staging, target) == 0 else {
                    throw RunError(.cannotCreate, "cannot move \(staging) to \(target): \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            // Still this run's staging folder: marked again, so `discard` removes it.
            mark()
            throw error
        }
        syncDirectory(parent(of: target))
    }

    /// Keeps the outputs of a refused run for inspection in `<out>.held`, in place of an earlier
    /// held output. When that path holds something else, the outputs stay in the staging folder
    /// (no longer marked, so no later run removes them); the folder they are in is returned.
    public func holdAside(logger: Logger = .silent) -> String {
        unmark()
        do {
            let previous = try replaceableNow(held)
            if case .jgpipe = previous {
                guard jg_rename_exchange(staging, held) == 0 else {
                    throw RunError(.cannotCreate, "cannot replace \(held): \(String(cString: strerror(errno)))")
                }
                removeEarlierOutput(at: staging, logger: logger)
            } else {
                guard rename(staging, held) == 0 else {
                    throw RunError(.cannotCreate, "cannot move \(staging) to \(held): \(String(cString: strerror(errno)))")
                }
            }
            return held
        } catch {
            logger.warning("the refused run's outputs stay in the staging folder", metadata: ["folder": "\(staging)", "error": "\(error)"])
            return staging
        }
    }

    /// Removes staging folders of this target left by runs that died (their pid is gone and
    /// the folder is marked as jgpipe's). A staging folder of a live process is left alone.
    public func removeStaleStaging(logger: Logger) {
        let parentPath = parent(of: target)
        let prefix = (target.split(separator: "/").last.map(String.init) ?? target) + ".staging-"
        guard let dir = opendir(parentPath) else { return }
        var stale: [(path: String, pid: Int32)] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { stale.append((parentPath + "/" + name, pid)) }
        }
        closedir(dir)
        for folder in stale where Self.isMarkedStaging(folder.path) {
            logger.warning("removing the staging folder of a run that did not finish",
                           metadata: ["folder": "\(folder.path)", "pid": "\(folder.pid)"])
            try? removeTree(folder.path)
        }
    }

    /// Removes this run's staging folder (a failed or stopped run); only while it is marked.
    public func discard() {
        if Self.isMarkedStaging(staging) { try? removeTree(staging) }
    }

    static func isMarkedStaging(_ path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return false }
        return lstat(path + "/" + stagingMarker, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    private func mark() {
        _ = try? Pipeline.writeText("\(getpid())\n", to: staging + "/" + Self.stagingMarker)
    }

    private func unmark() {
        unlink(staging + "/" + Self.stagingMarker)
    }

    /// The check of `checkReplaceable`, repeated just before a swap: what stands at `path` now.
    private func replaceableNow(_ path: String) throws(RunError) -> WrittenOutput {
        let found = WrittenOutput.inspect(path)
        if case let .notJGPipe(reason) = found {
            throw RunError(.cannotCreate, "\(path) \(reason): it is left as it was, nothing was published")
        }
        return found
    }

    /// Removes an earlier jgpipe output swapped out to `path`: the files its manifest lists,
    /// the manifest, then the folders they leave empty. Whatever else appeared meanwhile stays,
    /// with a warning.
    private func removeEarlierOutput(at path: String, logger: Logger) {
        guard case let .jgpipe(files) = WrittenOutput.inspect(path) else {
            logger.warning("the earlier output was changed while the run wrote; it is left here", metadata: ["folder": "\(path)"])
            return
        }
        for file in files + [Manifest.fileName] { unlink(path + "/" + file) }
        var folders = Set<String>()
        for file in files {
            var parts = file.split(separator: "/").dropLast()
            while !parts.isEmpty { folders.insert(parts.joined(separator: "/")); parts.removeLast() }
        }
        for folder in folders.sorted(by: { $0.count > $1.count }) { rmdir(path + "/" + folder) }
        if rmdir(path) != 0 {
            logger.warning("the earlier output held more than its manifest listed; the rest is left here", metadata: ["folder": "\(path)"])
        }
    }

    private func makeFolders(_ path: String) throws {
        if access(path, F_OK) == 0 { return }
        try makeFolders(parent(of: path))
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw RunError(.cannotCreate, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

/// Removes a folder tree jgpipe wrote (a staging folder); a missing folder is fine. Symbolic
/// links are removed, never followed.
func removeTree(_ path: String) throws {
    var status = stat()
    guard lstat(path, &status) == 0 else { return }
    guard status.st_mode & S_IFMT == S_IFDIR, let dir = opendir(path) else {
        unlink(path)
        return
    }
    while let entry = readdir(dir) {
        let name = entryName(entry)
        if name == "." || name == ".." { continue }
        let child = path + "/" + name
        if entry.pointee.d_type == UInt8(DT_DIR) { try removeTree(child) } else { unlink(child) }
    }
    closedir(dir)
    rmdir(path)
}
