import Glibc

/// `manifest.json` (SPEC §5): every input and output with its size and SHA-256, the as-of date,
/// the pipeline file's hash, the tool version and the run's times. The only output that holds
/// a clock time; written last, so it can list every other output.
enum Manifest {
    static let fileName = "manifest.json"
    static let version = 1

    /// `written` holds the digests the writers took of what they wrote; a file without one, or
    /// whose size differs from it, is hashed here.
    static func write(into folder: String, request: RunRequest, inputs: [InputFileDigest], outputs written: OutputDigests,
                      runID: Int64?, startedAt: String, finishedAt: String) throws {
        var outputs: [JSONValue] = []
        for name in try fileNames(in: folder) where name != fileName {
            let path = folder + "/" + name
            var hashed: FileDigest
            if let known = written.digest(of: path), known.bytes == (try fileSize(path)) {
                hashed = known
            } else {
                let digest = try SHA256.file(path)
                hashed = FileDigest(bytes: digest.bytes, hex: digest.hex)
            }
            outputs.append(.object([("file", .string(name)), ("bytes", .int(Int(hashed.bytes))), ("sha256", .string(hashed.hex))]))
        }
        let manifest = JSONValue.object([
            ("manifest_version", .int(version)),
            ("tool", .string("jgpipe")),
            ("tool_version", .string(JGPipeVersion.current)),
            ("run_id", runID.map { .int(Int($0)) } ?? .null),
            ("as_of", .string(request.asOf.iso)),
            ("effective_date", .string(max(request.asOf, request.settings.cutoverDate).iso)),
            ("pipeline_sha256", .string(request.settings.fileHash)),
            ("all_notices", .bool(request.allNotices)),
            ("started_at", .string(startedAt)),
            ("finished_at", .string(finishedAt)),
            ("input_dir", .string(request.inputDirectory)),
            ("inputs", .array(inputs.map {
                .object([("dataset", .string($0.dataset)), ("file", .string($0.file)), ("bytes", .int(Int($0.bytes))),
                         ("sha256", .string($0.sha256))])
            })),
            ("outputs", .array(outputs)),
        ])
        try Pipeline.writeText(manifest.rendered() + "\n", to: folder + "/" + fileName)
    }

    static func fileSize(_ path: String) throws -> Int64 {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw OutputFileError(file: path, message: "cannot stat: \(String(cString: strerror(errno)))")
        }
        return Int64(status.st_size)
    }

    /// Plain files of a folder and of its subfolders (`by_detachment/440100.xlsx`), the staging
    /// marker aside, sorted by path (bytes), so the manifest lists them in a stable order.
    static func fileNames(in folder: String) throws -> [String] {
        guard let dir = opendir(folder) else {
            throw OutputFileError(file: folder, message: "cannot list: \(String(cString: strerror(errno)))")
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            if entry.pointee.d_type == UInt8(DT_REG) {
                if name != OutputFolder.stagingMarker { names.append(name) }
            } else if entry.pointee.d_type == UInt8(DT_DIR) && name != "." && name != ".." {
                names += try fileNames(in: folder + "/" + name).map { name + "/" + $0 }
            }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
