import Glibc

/// The `jgpipe task …` subcommands as functions over lines, so they are tested without Spark:
///
///     ranges  (driver)    → chunk, dataset, start, end         the byte ranges of a dataset
///     scan    (executors) ← those lines → their `ChunkScan`s
///     plan    (driver)    ← the scans   → `ChunkTask` lines    (chained states, line counts, encoding)
///     stage   (executors) ← `ChunkTask` lines → `StageTask` output lines
public enum WorkerTasks {
    public static func inputPath(_ dataset: String, settings: PipelineSettings, inputDirectory: String) -> String {
        inputDirectory + "/" + settings.inputFile(for: dataset)
    }

    public static func ranges(dataset: String, settings: PipelineSettings, inputDirectory: String,
                              chunkBytes: Int) throws -> [String] {
        let path = inputPath(dataset, settings: settings, inputDirectory: inputDirectory)
        var info = stat()
        guard stat(path, &info) == 0 else { throw TaskError("\(path): \(String(cString: strerror(errno)))") }
        let size = Int(info.st_size)
        let bytes = StageTask.wholeFileDatasets.contains(dataset) ? max(1, size) : chunkBytes
        return ChunkPlan.ranges(size: size, chunkBytes: bytes).enumerated().map { k, range in
            "\(k)\t\(TaskLine.escape(dataset))\t\(range.lowerBound)\t\(range.upperBound)"
        }
    }

    public static func scan(_ line: Substring, settings: PipelineSettings, inputDirectory: String) throws -> String {
        let f = TaskLine.fields(line)
        guard f.count == 4, let chunk = Int(f[0]), let start = Int(f[2]), let end = Int(f[3]), start <= end else {
            throw TaskError("not a range line: \(line.prefix(200))")
        }
        let dataset = TaskLine.unescape(f[1])
        let path = inputPath(dataset, settings: settings, inputDirectory: inputDirectory)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw TaskError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let s = try ChunkScan.scan(fd: fd, range: start..<end, delimiter: settings.read.delimiter)
        return ([String(chunk), TaskLine.escape(dataset), String(start), String(end), String(s.lines), String(s.lineFeeds),
                 s.startsWithLF ? "1" : "0", s.endsWithCR ? "1" : "0", String(s.firstNonASCII ?? -1)]
            + s.endState.map { String($0.rawValue) }).joined(separator: "\t")
    }

    /// The tasks of one dataset from its scan lines (any order). Refuses (exit 69) a GB18030
    /// file whose delimiter can be a trail byte: its records cannot be found in raw bytes.
    public static func plan(_ scanLines: [Substring], settings: PipelineSettings, inputDirectory: String) throws -> [String] {
        var scans: [(Int, String, ChunkScan)] = try scanLines.filter { !$0.isEmpty }.map { line in
            let f = TaskLine.fields(line)
            guard f.count == 14, let chunk = Int(f[0]), let start = Int(f[2]), let end = Int(f[3]), let lines = Int(f[4]),
                  let feeds = Int(f[5]), let first = Int(f[8]) else { throw TaskError("not a scan line: \(line.prefix(200))") }
            let states = try f[9...].map { field -> TokenizerState in
                guard let s = UInt8(field).flatMap(TokenizerState.init(rawValue:)) else { throw TaskError("bad state \(field)") }
                return s
            }
            return (chunk, TaskLine.unescape(f[1]),
                    ChunkScan(range: start..<end, endState: states, lines: lines, lineFeeds: feeds, startsWithLF: f[6] == "1",
                              endsWithCR: f[7] == "1", firstNonASCII: first < 0 ? nil : first))
        }
        scans.sort { $0.0 < $1.0 }
        guard let dataset = scans.first?.1, scans.allSatisfy({ $0.1 == dataset }) else {
            throw TaskError("plan: the scan lines name no dataset, or several")
        }
        let path = inputPath(dataset, settings: settings, inputDirectory: inputDirectory)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw TaskError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let encoding = try ChunkPlan.encoding(fd: fd, firstNonASCII: scans.compactMap(\.2.firstNonASCII).min(),
                                              configured: settings.read.encoding)
        if encoding == .gb18030 && !ByteTransitions.isSafeInGB18030(delimiter: settings.read.delimiter) {
            throw RunError(.unavailable, "\(path) is GB18030 and its delimiter 0x\(String(settings.read.delimiter, radix: 16)) can be the second byte of a character: the Spark engine cannot cut it into tasks; run it with --engine embedded")
        }
        return try ChunkPlan.tasks(dataset: dataset, scans: scans.map(\.2), encoding: encoding).map(\.line)
    }
}
