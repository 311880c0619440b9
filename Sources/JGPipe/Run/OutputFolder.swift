import Glibc
import Logging
private import CPosix

/// SPEC §5 "Outputs appear in --out complete or not at all": a run writes into a sibling
/// staging folder, which is then swapped with `--out` in one rename.
public struct OutputFolder {
    public let target: String
    public let staging: String

    public init(target: String) {
        var target = target
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        self.target = target
        staging = target + ".staging-\(getpid())"
    }

    /// Creates the staging folder, and the folders above `--out` when they are missing.
    public func prepare() throws {
        try removeTree(staging)
        try makeFolders(parent(of: target))
        guard mkdir(staging, 0o755) == 0 else {
            throw RunError(.cannotCreate, "cannot create \(staging): \(String(cString: strerror(errno)))")
        }
    }

    /// Moves the staging folder into place; an earlier output is replaced as a whole.
    public func publish() throws {
        syncDirectory(staging)
        if access(target, F_OK) == 0 {
            // RENAME_EXCHANGE swaps the two folders atomically; the old one is then removed.
            guard jg_rename_exchange(staging, target) == 0 else {
                throw RunError(.cannotCreate, "cannot replace \(target): \(String(cString: strerror(errno)))")
            }
            try removeTree(staging)
        } else {
            guard rename(staging, target) == 0 else {
                throw RunError(.cannotCreate, "cannot move \(staging) to \(target): \(String(cString: strerror(errno)))")
            }
        }
        syncDirectory(parent(of: target))
    }

    /// Keeps the outputs of a refused run for inspection, in place of an earlier held one.
    public func holdAside() throws -> String {
        let held = target + ".held"
        try removeTree(held)
        guard rename(staging, held) == 0 else {
            throw RunError(.cannotCreate, "cannot move \(staging) to \(held): \(String(cString: strerror(errno)))")
        }
        return held
    }

    /// Removes staging folders of this target left by runs that died (their pid is gone).
    /// A staging folder of a live process is left alone.
    public func removeStaleStaging(logger: Logger) {
        let parentPath = parent(of: target)
        let prefix = (target.split(separator: "/").last.map(String.init) ?? target) + ".staging-"
        guard let dir = opendir(parentPath) else { return }
        var stale: [(path: String, pid: Int32)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { stale.append((parentPath + "/" + name, pid)) }
        }
        closedir(dir)
        for folder in stale {
            logger.warning("removing the staging folder of a run that did not finish",
                           metadata: ["folder": "\(folder.path)", "pid": "\(folder.pid)"])
            try? removeTree(folder.path)
        }
    }

    public func discard() {
        try? removeTree(staging)
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

/// Removes a folder tree of plain files (what a run writes); a missing folder is fine.
func removeTree(_ path: String) throws {
    guard let dir = opendir(path) else {
        if errno == ENOENT || errno == ENOTDIR { _ = unlink(path); return }
        throw RunError(.cannotCreate, "cannot open \(path): \(String(cString: strerror(errno)))")
    }
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        if name == "." || name == ".." { continue }
        let child = path + "/" + name
        if entry.pointee.d_type == UInt8(DT_DIR) { try removeTree(child) } else { unlink(child) }
    }
    closedir(dir)
    rmdir(path)
}
