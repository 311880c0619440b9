import Foundation
import Glibc
import Logging

/// How `jgpipe run --engine spark` reaches Spark: the master, `--spark-conf` values, and the
/// worker's arguments (the run's own pipeline file and `--set` values, so executors read the
/// same settings).
public struct SparkOptions: Sendable {
    public var master: String
    public var conf: [(String, String)]
    /// The pipeline file (absolute) and `--set` values, as the worker takes them.
    public var settingsArguments: [String]
    /// About this many bytes of a dataset a task (`spark.jgpipe.chunkBytes`, default 64 MiB).
    public var chunkBytes: Int
    /// Runs the job file and writes `status.json` beside it; nil starts the PySpark job. The
    /// tests put the worker steps in its place, in process, to test the whole path without Spark.
    var launcher: (@Sendable (String) throws -> Void)?

    public init(master: String, conf: [String], settingsArguments: [String]) throws(RunError) {
        self.master = master
        self.settingsArguments = settingsArguments
        var pairs: [(String, String)] = []
        var chunkBytes = 64 << 20
        for item in conf {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw RunError(.usage, "--spark-conf \(item): write it as KEY=VALUE, e.g. --spark-conf spark.executor.memory=2g")
            }
            let key = String(item[..<eq]), value = String(item[item.index(after: eq)...])
            if key == "spark.jgpipe.chunkBytes" {
                guard let n = Int(value), n > 0 else { throw RunError(.usage, "--spark-conf \(item): a number of bytes > 0") }
                chunkBytes = n
            } else {
                pairs.append((key, value))
            }
        }
        self.conf = pairs
        self.chunkBytes = chunkBytes
    }

    var worker: String {
        conf.first { $0.0 == "spark.jgpipe.worker" }?.1 ?? SparkEngine.executablePath()
    }
}

/// The Spark engine's driver part inside `jgpipe run`: refuses what it cannot run yet, hands
/// the stages to the PySpark job (`scripts/spark/jgpipe_spark.py`), and merges what the tasks
/// wrote into the staging folder, so the shared outputs, summary, manifest and ledger are
/// made by the same code as in an embedded run.
public enum SparkEngine {
    /// Exit 69 when the input holds a dataset whose stage has no Spark task yet.
    static func checkSupported(_ inputFolder: InputFolder) throws(RunError) {
        let unsupported = inputFolder.present.filter {
            !StageTask.supportedDatasets.contains($0) && !StageKind.driverDatasets.contains($0)
        }
        guard unsupported.isEmpty else {
            throw RunError(.unavailable, "the Spark engine does not run \(unsupported.joined(separator: ", ")) yet: run it with --engine embedded (docs/SCALE-OUT.md). Nothing was read or published.")
        }
    }

    static func run(_ options: SparkOptions, datasets present: [String], context: RunContext,
                    staging: String) throws -> [StageOutput] {
        // A stage's task reads its secondary datasets itself (the violations' users).
        let datasets = present.filter { !StageTask.secondaryDatasets.contains($0) }
        if datasets.contains("unit_accounts") && !datasets.contains("units") { throw UnitAccountStage.unitsMissing(context.settings) }
        let work = resolvedPath(staging) + ".spark"
        try removeTree(work)
        try makeDirectories(work)
        defer { try? removeTree(work) }
        let job: JSONValue = .object([
            ("master", .string(options.master)),
            ("conf", .object(options.conf.map { ($0.0, .string($0.1)) })),
            ("worker", .string(options.worker)),
            ("task_args", .array((options.settingsArguments + ["--input-dir", resolvedPath(context.inputs.directory),
                                                               "--as-of", context.asOf.iso]).map(JSONValue.string))),
            ("work", .string(work)),
            ("datasets", .array(datasets.map(JSONValue.string))),
            ("chunk_bytes", .int(options.chunkBytes)),
        ])
        try Pipeline.writeText(job.rendered() + "\n", to: work + "/job.json")
        let started = monotonicSeconds()
        if let launcher = options.launcher { try launcher(work + "/job.json") } else { try launch(work + "/job.json", context: context) }
        let status = try JSONValue(parsing: String(decoding: try readFile(work + "/status.json"), as: UTF8.self))
        guard case .string("ok")? = status["status"] else {
            let code = status["exit"].flatMap { if case let .int(n) = $0 { ExitCode(rawValue: Int32(n)) } else { nil } }
            let message = status["message"].flatMap { if case let .string(s) = $0 { s } else { nil } } ?? "the Spark job failed"
            throw RunError(code ?? .dataError, message)
        }
        // The job's own clock: the session's start, then each dataset's tasks (scan to sort).
        var metadata: Logger.Metadata = ["ms": "\(Int((monotonicSeconds() - started) * 1000))", "master": "\(options.master)"]
        if case let .object(timings)? = status["timings_ms"] {
            for case let (name, .int(ms)) in timings { metadata[name == "startup" ? "startup_ms" : "\(name)_tasks_ms"] = "\(ms)" }
        }
        for dataset in datasets {
            if case let .int(n)? = status["datasets"]?[dataset]?["cross_task_keys"], n > 0 {
                metadata["\(dataset)_cross_task_keys"] = "\(n)"
            }
        }
        context.logger.info("spark job finished", metadata: metadata)
        var outputs: [StageOutput] = []
        for dataset in datasets {
            guard let report = status["datasets"]?[dataset] else { throw TaskError("the Spark job reported nothing for \(dataset)") }
            guard dataset == "unit_accounts" else {
                outputs.append(try merge(dataset, report, work: work, context: context))
                continue
            }
            // One stage, as the embedded run has it: the units' output, then the accounts'.
            let accounts = try mergeAccounts(report, work: work, context: context)
            outputs[outputs.count - 1].sections += accounts.sections
            outputs[outputs.count - 1].rejections += accounts.rejections
            outputs[outputs.count - 1].files += accounts.files
            outputs[outputs.count - 1].notices += accounts.notices
        }
        return outputs
    }

    /// The unit-account tasks' outputs (`UnitAccountTasks`): the chunks' rejected and cleaned
    /// parts as `merge` takes any stage's, the unit notices, then the ranges' parts of the
    /// removal export and the contact list in the units' output order and their summary sections.
    static func mergeAccounts(_ report: JSONValue, work: String, context: RunContext) throws -> StageOutput {
        var output = try merge("unit_accounts", report, work: work, context: context)
        guard case let .array(ranges)? = report["unit_results"] else { throw TaskError("a malformed Spark job status for unit_accounts") }
        var parts = try ranges.map { range -> (String, ChunkResult) in
            guard case let .array(f) = range, f.count == 2, case let .string(name) = f[0], case let .string(text) = f[1]
            else { throw TaskError("a malformed unit-range result") }
            return (name, try ChunkResult(json: JSONValue(parsing: TaskLine.unescape(Substring(text)))))
        }
        if parts.isEmpty {
            // No valid account: the files' headers and the summary's zeros, as the embedded run has them.
            try UnitAccountTasks.outputs([], settings: context.settings, asOf: context.asOf,
                                         inputDirectory: context.inputs.directory, workDirectory: work, evenIfEmpty: true) { line in
                let f = TaskLine.fields(Substring(line))
                if f.count == 3, f[0] == "R", let json = try? JSONValue(parsing: TaskLine.unescape(f[2])),
                   let result = try? ChunkResult(json: json) { parts.append((String(f[1]), result)) }
            }
        }
        parts.sort { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
        let merged = try ChunkResult.merged(parts.map(\.1))
        let folders = parts.map { UnitAccountTasks.outputsFolder(work) + "/" + $0.0 }
        for file in merged.files {
            try concatenate(folders.map { $0 + "/" + file }, to: context.stagingDirectory + "/" + file,
                            digests: context.staging.digests)
        }
        context.staging.adopt(merged.files)
        output.files += merged.files
        output.sections += merged.sections
        return output
    }

    /// One dataset's task outputs into the staging folder, the run's inputs and notice collector:
    /// recorded as the embedded stage's reads, files and notices would have been; returns what the
    /// stage would have returned.
    static func merge(_ dataset: String, _ report: JSONValue, work: String, context: RunContext) throws -> StageOutput {
        guard case let .array(errors)? = report["errors"], case let .array(results)? = report["results"],
              case let .string(noticeFolder)? = report["notices"],
              case let .string(rowFolder)? = report["rows"] else { throw TaskError("a malformed Spark job status for \(dataset)") }
        // The first error in file order is the one a whole-file read meets.
        let firstError = errors.compactMap { error -> (Int, ExitCode, String)? in
            guard case let .array(f) = error, f.count == 3, case let .string(chunk) = f[0], case let .string(code) = f[1],
                  case let .string(message) = f[2] else { return nil }
            return (Int(chunk) ?? 0, Int32(code).flatMap(ExitCode.init(rawValue:)) ?? .dataError, TaskLine.unescape(Substring(message)))
        }.min { $0.0 < $1.0 }
        if let (_, code, message) = firstError { throw RunError(code, message) }
        let chunks = try results.map { result -> ChunkResult in
            guard case let .array(f) = result, f.count == 2, case let .string(text) = f[1] else { throw TaskError("a malformed task result") }
            return try ChunkResult(json: JSONValue(parsing: TaskLine.unescape(Substring(text))))
        }.sorted { $0.chunk < $1.chunk }
        let merged = try ChunkResult.merged(chunks)
        let folders = chunks.map { work + "/\(dataset)/chunk-" + TaskLine.padded($0.chunk) }
        for file in merged.files {
            let target = context.stagingDirectory + "/" + file
            if StageTask.globallySorted[file] != nil {
                try writeSorted(file, header: folders[0] + "/" + file, rows: rowFolder, to: target, context: context)
            } else {
                try concatenate(folders.map { $0 + "/" + file }, to: target, digests: context.staging.digests)
            }
        }
        context.staging.adopt(merged.files)
        for (name, counts) in merged.datasets {
            context.inputs.adoptRead(name, file: context.settings.inputFile(for: name), counts)
        }
        let noticesBefore = context.notices.count
        try forEachLine(inParts: noticeFolder) { line in
            try context.notices.add(try Notice(fields: TaskLine.values(ofPayload: line)))
        }
        var output = StageOutput()
        output.sections = merged.sections
        output.rejections = merged.rejections
        output.files = merged.files
        output.notices = context.notices.count - noticesBefore
        return output
    }

    /// The chunks' part files as one: the first whole, the others without their header row.
    static func concatenate(_ parts: [String], to target: String, digests: OutputDigests) throws {
        let out = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard out >= 0 else { throw OutputFileError(file: target, message: "cannot create: \(String(cString: strerror(errno)))") }
        defer { close(out) }
        var hasher = SHA256()
        var written: Int64 = 0
        for (k, part) in parts.enumerated() {
            let fd = open(part, O_RDONLY)
            guard fd >= 0 else { throw OutputFileError(file: part, message: "a task's part is missing") }
            defer { close(fd) }
            var info = stat()
            fstat(fd, &info)
            let size = Int(info.st_size)
            // A part starts with its header row (CSVWriter's CRLF ends it; a BOM belongs to it).
            let from = k == 0 ? 0 : try BoundaryFinder(fd: fd, transitions: ByteTransitions(delimiter: UInt8(ascii: ",")),
                                                       fileSize: size).headerEnd().offset
            try FileBytes.forEach(fd: fd, range: from..<size) { bytes in
                hasher.update(UnsafeRawBufferPointer(bytes))
                var done = 0
                while done < bytes.count {
                    let n = write(out, bytes.baseAddress! + done, bytes.count - done)
                    guard n > 0 else { throw OutputFileError(file: target, message: "cannot write: \(String(cString: strerror(errno)))") }
                    done += n
                }
                written += Int64(bytes.count)
            }
        }
        digests.record(FileDigest(bytes: written, hex: SHA256.hexString(hasher.finalize())), for: target)
    }

    /// A globally sorted file: the header of chunk 0's part, then the rows in the engine's order.
    static func writeSorted(_ file: String, header: String, rows: String, to target: String, context: RunContext) throws {
        guard let source = try CSVRowSource(path: header) else { throw OutputFileError(file: header, message: "a task's part is missing") }
        let writer = try CSVWriter(path: target, encoding: context.settings.outputEncoding, digests: context.staging.digests)
        try writer.writeRow(source.header)
        try forEachLine(inParts: rows) { line in
            let values = TaskLine.values(ofPayload: line)
            guard values.first == file else { return }
            try writer.writeRow(Array(values.dropFirst()))
        }
        try writer.close()
    }

    /// The lines of a folder Spark wrote (`part-*` in name order, which is the sort order).
    static func forEachLine(inParts folder: String, _ body: (Substring) throws -> Void) throws {
        var names: [String] = []
        if let dir = opendir(folder) {
            while let entry = readdir(dir) {
                let name = entryName(entry)
                if name.hasPrefix("part-") { names.append(name) }
            }
            closedir(dir)
        }
        for name in names.sorted() {
            let text = String(decoding: try readFile(folder + "/" + name), as: UTF8.self)
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) { try body(line) }
        }
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw OutputFileError(file: path, message: "cannot read: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        try FileBytes.forEach(fd: fd, range: 0..<Int.max) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Runs the PySpark job; its log goes to standard error.
    static func launch(_ jobFile: String, context: RunContext) throws {
        let environment = ProcessInfo.processInfo.environment
        let python = environment["JGPIPE_SPARK_PYTHON"] ?? defaultPython()
        guard let script = environment["JGPIPE_SPARK_SCRIPT"] ?? findScript() else {
            throw RunError(.unavailable, "the Spark engine needs scripts/spark/jgpipe_spark.py (beside the jgpipe sources, or PREFIX/share/jgpipe/spark/, or JGPIPE_SPARK_SCRIPT)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, jobFile]
        process.standardOutput = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw RunError(.unavailable, "cannot start \(python) for the Spark engine (\(error)); run scripts/bootstrap.sh --spark, or set JGPIPE_SPARK_PYTHON to a Python with PySpark 4")
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 && access(jobFile.replacingOccurrences(of: "job.json", with: "status.json"), F_OK) != 0 {
            throw RunError(.unavailable, "the Spark job (\(python) \(script)) ended with exit \(process.terminationStatus) and no status; is PySpark 4 installed (scripts/bootstrap.sh --spark)?")
        }
    }

    /// Where `scripts/bootstrap.sh --spark` puts PySpark.
    static func defaultPython() -> String {
        let environment = ProcessInfo.processInfo.environment
        let venv = (environment["JGPIPE_SPARK_VENV"] ?? (environment["HOME"] ?? "/root") + "/.cache/jgpipe/pyspark-venv") + "/bin/python"
        return access(venv, X_OK) == 0 ? venv : "/usr/bin/python3"
    }

    static func findScript() -> String? {
        var folder = (executablePath() as NSString).deletingLastPathComponent
        var candidates = [folder + "/../share/jgpipe/spark/jgpipe_spark.py"]
        for _ in 0..<5 {
            candidates.append(folder + "/scripts/spark/jgpipe_spark.py")
            folder = (folder as NSString).deletingLastPathComponent
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/scripts/spark/jgpipe_spark.py")
        return candidates.first { access($0, R_OK) == 0 }.map(resolvedPath)
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
