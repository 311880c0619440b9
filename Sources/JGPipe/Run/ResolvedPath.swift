import Glibc

/// A path as the kernel reaches it: absolute, with symbolic links, `.` and `..` resolved, also
/// when its last components do not exist yet (an `--out` or `--state` a run will create).
/// SPEC §5: the output guard compares folders by what they are, not by how they were written.
func resolvedPath(_ path: String) -> String {
    var absolute = path
    if !absolute.hasPrefix("/") {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let cwd = getcwd(&buffer, buffer.count).map { String(cString: $0) } ?? "/"
        absolute = cwd + "/" + path
    }
    return resolveAbsolute(absolute)
}

private func resolveAbsolute(_ path: String) -> String {
    if let real = realpath(path, nil) {
        defer { free(real) }
        return String(cString: real)
    }
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
    let name = String(trimmed[trimmed.index(after: slash)...])
    let parentPath = slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    if name.isEmpty { return "/" }
    let parent = parentPath == "/" ? "/" : resolveAbsolute(parentPath)
    switch name {
    case ".": return parent
    case "..":
        guard let up = parent.lastIndex(of: "/"), up != parent.startIndex else { return "/" }
        return String(parent[..<up])
    default: return parent == "/" ? "/" + name : parent + "/" + name
    }
}

/// Whether resolved path `inner` is `outer` or lies inside it.
func isSameOrInside(_ inner: String, _ outer: String) -> Bool {
    outer == "/" || inner == outer || inner.hasPrefix(outer + "/")
}
