import Foundation
@testable import JGPipe

/// What `scripts/spark/jgpipe_spark.py` does, in process and without Spark, over the same
/// worker steps: the stage tests hold the Spark engine's whole path (tasks, merge, shared
/// outputs) to the embedded run without starting a JVM. The sorts are byte-wise, as Spark
/// SQL compares strings.
enum LocalTaskRunner {
    static func options(chunkBytes: Int, settings: PipelineSettings, asOf: CalendarDate) throws -> SparkOptions {
        var options = try SparkOptions(master: "in-process", conf: ["spark.jgpipe.chunkBytes=\(chunkBytes)"],
                                       settingsArguments: [])
        options.launcher = { jobFile in try run(jobFile, settings: settings, asOf: asOf) }
        return options
    }

    static func run(_ jobFile: String, settings: PipelineSettings, asOf: CalendarDate) throws {
        let job = try JSONValue(parsing: String(decoding: try SparkEngine.readFile(jobFile), as: UTF8.self))
        guard case let .string(work)? = job["work"], case let .array(names)? = job["datasets"],
              case let .int(chunkBytes)? = job["chunk_bytes"], case let .array(args)? = job["task_args"] else {
            throw TaskError("bad job")
        }
        let strings = args.compactMap { if case let .string(s) = $0 { s } else { nil } }
        let input = strings[strings.firstIndex(of: "--input-dir")! + 1]
        var datasets: [(String, JSONValue)] = []
        let status = (jobFile as NSString).deletingLastPathComponent + "/status.json"
        for case let .string(dataset) in names {
            let ranges = try WorkerTasks.ranges(dataset: dataset, settings: settings, inputDirectory: input, chunkBytes: chunkBytes)
            let scans = try ranges.map { try WorkerTasks.scan(Substring($0), settings: settings, inputDirectory: input) }
            let tasks: [String]
            do {
                tasks = try WorkerTasks.plan(scans.map { Substring($0) }, settings: settings, inputDirectory: input)
            } catch let error as RunError {
                try Pipeline.writeText(JSONValue.object([("status", .string("failed")), ("exit", .int(Int(error.exitCode.rawValue))),
                                                         ("message", .string(error.message))]).rendered(), to: status)
                return
            }
            let chunkTasks = try tasks.map { try ChunkTask(line: Substring($0)) }
            // Keys in several chunks: their rows, shuffled by hash (here: in reverse, the resolve
            // step may not depend on the order it is given), decided, written as a folder.
            var chunksByHash: [Substring: Set<Int>] = [:]
            for task in chunkTasks where chunkTasks.count > 1 {
                for line in try CrossTaskDuplicates.keys(task, settings: settings, inputDirectory: input) {
                    chunksByHash[TaskLine.fields(Substring(line))[0], default: []].insert(task.chunk)
                }
            }
            let suspects = Set(chunksByHash.filter { $0.value.count > 1 }.keys.map { UInt64($0, radix: 16)! })
            var decisions: String?
            if !suspects.isEmpty {
                var rows: [String] = []
                for task in chunkTasks {
                    rows += try CrossTaskDuplicates.suspects(task, suspects: suspects, settings: settings, inputDirectory: input)
                }
                let folder = work + "/\(dataset).decisions"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let decided = try CrossTaskDuplicates.resolve(rows.reversed().map { Substring($0) }, dataset: dataset,
                                                              settings: settings, inputDirectory: input)
                try Pipeline.writeText(decided.map { $0 + "\n" }.joined(), to: folder + "/part-00000.txt")
                decisions = folder
            }
            if dataset == "unit_accounts" {
                datasets.append((dataset, try accounts(chunkTasks, duplicates: decisions, settings: settings, asOf: asOf,
                                                       input: input, work: work)))
                continue
            }
            var lines: [[Substring]] = []
            for task in chunkTasks.reversed() {  // any order: the merge may not depend on it
                let fates = try decisions.map { try CrossTaskDuplicates.fates(inFolder: $0, chunk: task.chunk) }
                try StageTask.run(task, settings: settings, asOf: asOf, inputDirectory: input, workDirectory: work,
                                  crossTaskDuplicates: fates) { lines.append(TaskLine.fields(Substring($0))) }
            }
            func rows(_ kind: String) -> [[Substring]] { lines.filter { $0[0] == kind } }
            func sortedFolder(_ kind: String, _ name: String) throws -> String {
                let folder = work + "/\(dataset).\(name)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let sorted = rows(kind).sorted { a, b in
                    for k in 1...3 where a[k] != b[k] { return Array(a[k].utf8).lexicographicallyPrecedes(Array(b[k].utf8)) }
                    return false
                }
                try Pipeline.writeText(sorted.map { $0[4] + "\n" }.joined(), to: folder + "/part-00000.txt")
                return folder
            }
            datasets.append((dataset, .object([
                ("errors", .array(rows("E").map { .array([.string(String($0[1])), .string(String($0[2])), .string(String($0[3]))]) })),
                ("results", .array(rows("R").map { .array([.string(String($0[1])), .string(String($0[2]))]) })),
                ("notices", .string(try sortedFolder("N", "notices"))),
                ("rows", .string(try sortedFolder("W", "rows"))),
                ("chunks", .int(tasks.count)),
            ])))
        }
        try Pipeline.writeText(JSONValue.object([("status", .string("ok")), ("datasets", .object(datasets))]).rendered(),
                               to: status)
    }

    /// The unit-account flow of the job: read, shuffled by unit (two partitions by a hash of the
    /// unit key), by person (three by the holder), by unit into three ranges of the output order
    /// (cut at unit boundaries), the decisions into a folder by chunk, then the chunks' writes.
    static func accounts(_ tasks: [ChunkTask], duplicates: String?, settings: PipelineSettings, asOf: CalendarDate,
                         input: String, work: String) throws -> JSONValue {
        var lines: [String] = []
        for task in tasks {
            let fates = try duplicates.map { try CrossTaskDuplicates.fates(inFolder: $0, chunk: task.chunk) }
            try UnitAccountTasks.read(task, settings: settings, inputDirectory: input, crossTaskDuplicates: fates) { lines.append($0) }
        }
        func report(_ errors: [[Substring]], _ results: [[Substring]], _ ranges: [[Substring]], notices: String) -> JSONValue {
            .object([
                ("errors", .array(errors.map { .array($0[1...3].map { .string(String($0)) }) })),
                ("results", .array(results.map { .array([.string(String($0[1])), .string(String($0[2]))]) })),
                ("unit_results", .array(ranges.map { .array([.string(String($0[1])), .string(String($0[2]))]) })),
                ("notices", .string(notices)), ("rows", .string(work + "/unit_accounts.no-rows")), ("chunks", .int(tasks.count)),
            ])
        }
        let errors = lines.map { TaskLine.fields(Substring($0)) }.filter { $0[0] == "E" }
        guard errors.isEmpty else { return report(errors, [], [], notices: work + "/unit_accounts.no-notices") }
        func text(_ a: Substring, _ b: Substring) -> Bool { Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }
        func inOrder(_ a: [Substring], _ b: [Substring], _ key: Int) -> Bool {
            for k in [key, 2, 3] where a[k] != b[k] { return text(a[k], b[k]) }
            return false
        }
        /// Partitions by a hash of field `key`, each sorted by (key, chunk, line), in reverse order.
        func shuffle(_ lines: [String], by key: Int, into count: Int) -> [[Substring]] {
            var parts = [[[Substring]]](repeating: [], count: count)
            for line in lines {
                let f = TaskLine.fields(Substring(line))
                parts[f[key].utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF } % count].append(f)
            }
            return parts.reversed().map { part in part.sorted { inOrder($0, $1, key) }.map { Substring($0.joined(separator: "\t")) } }
        }
        var next: [String] = []
        for part in shuffle(lines, by: 0, into: 2) { try UnitAccountTasks.byUnit(part, settings: settings) { next.append($0) } }
        lines = next
        next = []
        for part in shuffle(lines, by: 1, into: 3) { try UnitAccountTasks.byPerson(part, settings: settings) { next.append($0) } }
        let sorted = next.map { TaskLine.fields(Substring($0)) }.sorted { inOrder($0, $1, 0) }
        var ranges: [[Substring]] = [[], [], []]
        for (k, f) in sorted.enumerated() {
            let r = k == 0 || f[0] == sorted[k - 1][0] ? ranges.indices.last { !ranges[$0].isEmpty } ?? 0
                : min(2, k * 3 / sorted.count)
            ranges[r].append(Substring(f.joined(separator: "\t")))
        }
        var out: [[Substring]] = []
        for range in ranges.reversed() {
            try UnitAccountTasks.outputs(range, settings: settings, asOf: asOf, inputDirectory: input, workDirectory: work) {
                out.append(TaskLine.fields(Substring($0)))
            }
        }
        let cleanup = work + "/unit_accounts.cleanup"
        for (chunk, decided) in Dictionary(grouping: out.filter { $0[0] == "D" }, by: { String($0[1]) }) {
            let folder = cleanup + "/chunk=" + chunk
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Pipeline.writeText(decided.map { "\($0[2])\t\($0[3])\n" }.joined(), to: folder + "/part-00000.txt")
        }
        let notices = work + "/unit_accounts.notices"
        try FileManager.default.createDirectory(atPath: notices, withIntermediateDirectories: true)
        let sortedNotices = out.filter { $0[0] == "N" }.sorted { a, b in
            for k in 1...3 where a[k] != b[k] { return text(a[k], b[k]) }
            return false
        }
        try Pipeline.writeText(sortedNotices.map { $0[4] + "\n" }.joined(), to: notices + "/part-00000.txt")
        var written: [[Substring]] = []
        for task in tasks.reversed() {
            let fates = try duplicates.map { try CrossTaskDuplicates.fates(inFolder: $0, chunk: task.chunk) }
            try UnitAccountTasks.write(task, decisionsFolder: cleanup, settings: settings, asOf: asOf, inputDirectory: input,
                                       workDirectory: work, crossTaskDuplicates: fates) { written.append(TaskLine.fields(Substring($0))) }
        }
        return report(written.filter { $0[0] == "E" }, written.filter { $0[0] == "R" }, out.filter { $0[0] == "R" },
                      notices: notices)
    }
}
