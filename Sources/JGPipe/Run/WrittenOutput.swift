import Foundation
import Glibc

/// What stands at a path jgpipe is about to replace (`--out`, `<out>.held`), SPEC §5 "Nothing
/// of the user's is ever deleted": only nothing, an empty folder, or a folder jgpipe wrote may
/// be replaced.
///
/// A folder is jgpipe's when its `manifest.json` says `"tool": "jgpipe"` and lists, under
/// `outputs`, every other file the folder holds (subfolders included, as `sub/name`). A file a
/// person added to an earlier output (`notes.txt`) makes it theirs again: the run stops with
/// exit 73 rather than remove it.
enum WrittenOutput: Equatable {
    case absent
    case emptyFolder
    /// A jgpipe output: the files its manifest lists (relative paths), the manifest excluded.
    case jgpipe(files: [String])
    /// Anything else, with the reason in words.
    case notJGPipe(String)

    static func inspect(_ path: String) -> WrittenOutput {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            switch errno {
            case ENOENT: return .absent
            case ENOTDIR: return .notJGPipe("lies below a file, so it cannot be a folder")
            default: return .notJGPipe("cannot be read (\(String(cString: strerror(errno))))")
            }
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: return .notJGPipe("is a symbolic link, not a folder jgpipe wrote")
        default: return .notJGPipe("is a file, not a folder")
        }
        guard let present = try? filesBelow(path) else {
            return .notJGPipe("cannot be listed (\(String(cString: strerror(errno))))")
        }
        if present.isEmpty { return .emptyFolder }
        guard present.contains(Manifest.fileName), let listed = manifestOutputs(path + "/" + Manifest.fileName) else {
            return .notJGPipe("is not empty and holds no manifest.json written by jgpipe")
        }
        let known = Set(listed + [Manifest.fileName])
        let foreign = present.filter { !known.contains($0) }
        guard foreign.isEmpty else {
            let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", …" : "")
            return .notJGPipe("holds \(foreign.count) file(s) jgpipe did not write (\(shown))")
        }
        return .jgpipe(files: listed.filter { present.contains($0) })
    }

    /// The `outputs[].file` names of a manifest written by jgpipe; nil when it is not one.
    private static func manifestOutputs(_ path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              object["tool"] as? String == "jgpipe", let outputs = object["outputs"] as? [[String: Any]]
        else { return nil }
        var files: [String] = []
        for output in outputs {
            // A name that climbs out of the folder cannot be one jgpipe wrote.
            guard let file = output["file"] as? String, !file.isEmpty, !file.hasPrefix("/"),
                  !file.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return nil }
            files.append(file)
        }
        return files
    }

    /// Every entry below `folder` that is not a folder, as a relative path; a folder holding
    /// nothing counts as an entry of its own (`sub/`), so it is never taken for jgpipe's.
    static func filesBelow(_ folder: String, prefix: String = "") throws -> [String] {
        guard let dir = opendir(folder) else { throw OutputFileError(file: folder, message: "cannot list") }
        defer { closedir(dir) }
        var found: [String] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            if name == "." || name == ".." { continue }
            if entry.pointee.d_type == UInt8(DT_DIR) {
                let inner = try filesBelow(folder + "/" + name, prefix: prefix + name + "/")
                found += inner.isEmpty ? [prefix + name + "/"] : inner
            } else {
                found.append(prefix + name)
            }
        }
        return found.sorted()
    }
}

func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
    withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
}
