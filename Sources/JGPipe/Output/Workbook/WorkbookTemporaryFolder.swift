import Glibc

/// Where libxlsxwriter's `tmpdir` puts the sheets' row files while the workbooks are written (its
/// public option; SPEC §6). A folder of this run's own on a memory file system (`/dev/shm`) when
/// the XML of all the run's sheets (`xmlBytes`, an estimate: at most two workbooks are written at
/// once, so this is more than they hold) fits in half its free space; else the workbooks' folder in
/// the staging folder, on the output's disk. About four
/// times a sheet's XML passes through these files (written, read back into the zip), so a memory
/// file system saves the disk that traffic (docs/BENCHMARKS.md).
struct WorkbookTemporaryFolder {
    let path: String
    /// A folder this run made (on the memory file system), removed when the workbooks are done.
    private let ownFolder: Bool

    static let memoryFileSystem = "/dev/shm"

    init(staging: String, xmlBytes: Int, memoryFileSystem: String = Self.memoryFileSystem) {
        var fs = statvfs()
        let free = statvfs(memoryFileSystem, &fs) == 0 ? Int(fs.f_bavail) * Int(fs.f_frsize) : 0
        if xmlBytes <= free / 2 {
            var template = Array((memoryFileSystem + "/jgpipe-workbooks-XXXXXX").utf8CString)
            if let made = mkdtemp(&template) {
                path = String(cString: made)
                ownFolder = true
                return
            }
        }
        path = staging
        ownFolder = false
    }

    /// libxlsxwriter unlinks its temporary files as it creates them: the folder is empty by now,
    /// and `rmdir` removes nothing else (a folder someone put a file into stays).
    func remove() {
        if ownFolder { rmdir(path) }
    }
}
