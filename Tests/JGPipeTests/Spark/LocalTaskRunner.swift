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
                                                              settings: settings)
                try Pipeline.writeText(decided.map { $0 + "\n" }.joined(), to: folder + "/part-00000.txt")
                decisions = folder
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
}
