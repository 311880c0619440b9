import Glibc
import Logging

/// SPEC §5: which files of the input folder are the stages' datasets, which datasets are
/// absent (their stages skip), and which files match no dataset (`ignored_files`), with a hint
/// when one looks like a dataset under another name (`Units.CSV`, `units.xlsx`, `vehicles (1).csv`).
struct InputFolder {
    let path: String
    /// Datasets whose file is present, in stage order.
    let present: [String]
    /// Datasets whose file is absent.
    let absent: [String]
    /// Files (and folders) that match no dataset, sorted by name.
    let ignored: [String]
    /// Per ignored file that looks like a dataset: what it probably is and what to do.
    let hints: [String: String]

    /// Exit 66 when the folder holds none of the datasets, naming what it does hold.
    init(path: String, datasets: [String], fileName: (String) -> String) throws(RunError) {
        self.path = path
        var entries: [String] = []
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = entryName(entry)
                if name != "." && name != ".." { entries.append(name) }
            }
            closedir(dir)
        } else {
            throw RunError(.noInput, "input folder \(path) cannot be read: \(String(cString: strerror(errno)))")
        }
        entries.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var names: [String] = []
        for dataset in datasets where !names.contains(dataset) { names.append(dataset) }
        let files = names.map(fileName)
        // A file the pipeline file places in a subfolder uses that folder.
        let used = Set(files.map { String($0.split(separator: "/").first ?? Substring($0)) })
        let present = zip(names, files).filter { access(path + "/" + $0.1, F_OK) == 0 }.map(\.0)
        self.present = present
        absent = names.filter { !present.contains($0) }
        ignored = entries.filter { !used.contains($0) }
        var hints: [String: String] = [:]
        for file in ignored {
            if let hint = Self.nearMiss(file, among: files) { hints[file] = hint }
        }
        self.hints = hints
        guard !present.isEmpty else {
            let ignored = self.ignored
            let held = ignored.isEmpty ? "it is empty"
                : "it holds " + ignored.map { file in hints[file].map { "\(file) (\($0))" } ?? file }.joined(separator: ", ")
            throw RunError(.noInput, "input folder \(path) holds none of the datasets (\(files.joined(separator: ", "))): \(held)")
        }
    }

    /// What an input file that matches no dataset probably is: the dataset file of the same
    /// name in other letter case, with another extension (an Excel workbook), a copy's suffix
    /// (` (1)`, `-副本`, `_copy`), or a small typo.
    static func nearMiss(_ file: String, among expected: [String]) -> String? {
        let (stem, ext) = split(file)
        let plainStem = withoutCopySuffix(stem.lowercased())
        for target in expected {
            let (targetStem, targetExt) = split(target)
            if file.lowercased() == target.lowercased() {
                return "file names are case-sensitive: rename it to \(target)"
            }
            if stem.lowercased() == targetStem.lowercased() && ext.lowercased() != targetExt.lowercased() {
                if ["xlsx", "xls", "et"].contains(ext.lowercased()) {
                    return "a spreadsheet: save it as CSV, as \(target)"
                }
                return "rename it to \(target), or name it in the pipeline file's [inputs]"
            }
            if plainStem == targetStem.lowercased() {
                return "looks like a copy of \(target): rename it to \(target), or name it in the pipeline file's [inputs]"
            }
        }
        for target in expected where SettingsUsage.editDistance(stem.lowercased(), split(target).stem.lowercased()) <= 2 {
            return "did you mean \(target)? rename it, or name it in the pipeline file's [inputs]"
        }
        return nil
    }

    private static func split(_ file: String) -> (stem: String, ext: String) {
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return (file, "") }
        return (String(file[..<dot]), String(file[file.index(after: dot)...]))
    }

    /// `vehicles (1)`, `vehicles(2)`, `vehicles - 副本`, `vehicles_copy`, `vehicles copy` → `vehicles`.
    private static func withoutCopySuffix(_ stem: String) -> String {
        var text = Substring(stem)
        for suffix in [" - 副本", "-副本", "_副本", " 副本", "副本", " - copy", "_copy", "-copy", " copy"] where text.hasSuffix(suffix) {
            text = text.dropLast(suffix.count)
        }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("),
           text[text.index(after: open)..<text.index(before: text.endIndex)].allSatisfy(\.isNumber) {
            text = text[..<open]
        }
        return String(text).trimmingWhitespace()
    }

    /// The absent datasets and the ignored files, one line each, hints included.
    func log(to logger: Logger) {
        for dataset in absent {
            logger.info("dataset absent; its stage skips it", metadata: ["dataset": "\(dataset)"])
        }
        for file in ignored {
            var metadata: Logger.Metadata = ["file": "\(file)"]
            if let hint = hints[file] { metadata["hint"] = "\(hint)" }
            logger.warning("file matches no dataset; ignored", metadata: metadata)
        }
    }
}
