import ArgumentParser
import Glibc
import JGPipe
import Logging

/// `jgpipe task …`: the per-partition workers the Spark engine runs (scripts/spark/,
/// docs/SCALE-OUT.md). Lines in on standard input, lines out on standard output
/// (`TaskLine`); deterministic, so a retried task gives the same lines and files.
struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Worker steps of the Spark engine (not for direct use): ranges, scan, plan, keys, suspects, resolve, stage, accounts-….",
        discussion: """
        Each reads TaskLine records on standard input and writes them on standard output; the same \
        pipeline file, --set values, --input-dir and --as-of as the run. Exit 0 also when the input \
        is unusable (an E line says why, as a whole-file read would); another exit code means the \
        worker itself failed, and Spark retries the task.
        """,
        shouldDisplay: false,
        subcommands: [Ranges.self, Scan.self, Plan.self, Keys.self, Suspects.self, Resolve.self, Stage.self,
                      AccountsRead.self, AccountsByUnit.self, AccountsByPerson.self, AccountsOutputs.self]
    )

    struct Ranges: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the byte ranges of a dataset (driver).")
        @OptionGroup var input: InputOptions
        @Option(help: "The dataset to cut.") var dataset: String
        @Option(name: .customLong("chunk-bytes"), help: "About this many bytes a task.") var chunkBytes = 64 << 20

        func run() throws {
            let settings = try input.taskSettings()
            try taskMain {
                for line in try WorkerTasks.ranges(dataset: dataset, settings: settings, inputDirectory: input.inputDirectory,
                                                   chunkBytes: max(1, chunkBytes)) { emitLine(line) }
            }
        }
    }

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Scan byte ranges for record boundaries (executors).")
        @OptionGroup var input: InputOptions

        func run() throws {
            let settings = try input.taskSettings()
            try taskMain {
                while let line = readLine(strippingNewline: true), !line.isEmpty {
                    emitLine(try WorkerTasks.scan(Substring(line), settings: settings, inputDirectory: input.inputDirectory))
                }
            }
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Chain the scans into chunk tasks (driver).")
        @OptionGroup var input: InputOptions

        func run() throws {
            let settings = try input.taskSettings()
            try taskMain {
                var lines: [Substring] = []
                while let line = readLine(strippingNewline: true) { lines.append(Substring(line)) }
                for task in try WorkerTasks.plan(lines, settings: settings, inputDirectory: input.inputDirectory) {
                    emitLine(task)
                }
            }
        }
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the key hashes of chunk tasks (executors).")
        @OptionGroup var input: InputOptions

        func run() throws {
            let settings = try input.taskSettings()
            try taskMain {
                while let line = readLine(strippingNewline: true), !line.isEmpty {
                    let task = try ChunkTask(line: Substring(line))
                    for key in try CrossTaskDuplicates.keys(task, settings: settings, inputDirectory: input.inputDirectory) {
                        emitLine(key)
                    }
                }
            }
        }
    }

    struct Suspects: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the rows of suspect keys of chunk tasks (executors).")
        @OptionGroup var input: InputOptions
        @Option(help: "The folder of suspect key hashes.") var suspects: String

        func run() throws {
            let settings = try input.taskSettings()
            try taskMain {
                let hashes = try CrossTaskDuplicates.hashes(inFolder: suspects)
                while let line = readLine(strippingNewline: true), !line.isEmpty {
                    let task = try ChunkTask(line: Substring(line))
                    for row in try CrossTaskDuplicates.suspects(task, suspects: hashes, settings: settings,
                                                                inputDirectory: input.inputDirectory) { emitLine(row) }
                }
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide suspect rows sorted by key hash and line (executors).")
        @OptionGroup var input: InputOptions
        @Option(help: "The dataset of the rows.") var dataset: String

        func run() throws {
            let settings = try input.taskSettings()
            try taskMain {
                let lines = readAllLines()
                for decision in try CrossTaskDuplicates.resolve(lines, dataset: dataset, settings: settings,
                                                                inputDirectory: input.inputDirectory) {
                    emitLine(decision)
                }
            }
        }
    }

    struct Stage: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run a stage over chunk tasks (executors).")
        @OptionGroup var input: InputOptions
        @Option(help: "The work folder the chunk folders go into.") var work: String
        @Option(help: "The folder of decisions on keys found in several tasks (task resolve).") var decisions: String?
        @Option(help: "Unit accounts: the folder of their decisions (task accounts-outputs), by chunk.") var cleanup: String?

        func run() throws {
            let settings = try input.taskSettings()
            let asOf = input.date
            try taskMain {
                try forEachChunkTask(decisions) { task, fates in
                    if task.dataset == "unit_accounts" {
                        guard let cleanup else { throw ValidationError("unit_accounts tasks need --cleanup") }
                        try UnitAccountTasks.write(task, decisionsFolder: cleanup, settings: settings, asOf: asOf,
                                                   inputDirectory: input.inputDirectory, workDirectory: work,
                                                   crossTaskDuplicates: fates, emit: emitLine)
                    } else {
                        try StageTask.run(task, settings: settings, asOf: asOf, inputDirectory: input.inputDirectory,
                                          workDirectory: work, crossTaskDuplicates: fates, emit: emitLine)
                    }
                }
            }
        }
    }

    struct AccountsRead: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "accounts-read",
                                                        abstract: "Print the valid unit accounts of chunk tasks (executors).")
        @OptionGroup var input: InputOptions
        @Option(help: "The folder of decisions on keys found in several tasks (task resolve).") var decisions: String?

        func run() throws {
            let settings = try input.taskSettings()
            try taskMain {
                try forEachChunkTask(decisions) { task, fates in
                    try UnitAccountTasks.read(task, settings: settings, inputDirectory: input.inputDirectory,
                                              crossTaskDuplicates: fates, emit: emitLine)
                }
            }
        }
    }

    struct AccountsByUnit: AccountLinesStep {
        static let configuration = CommandConfiguration(commandName: "accounts-by-unit",
                                                        abstract: "R1 and R2 over the account lines of whole units (executors).")
        static let step = UnitAccountTasks.byUnit
        @OptionGroup var input: InputOptions
    }

    struct AccountsByPerson: AccountLinesStep {
        static let configuration = CommandConfiguration(commandName: "accounts-by-person",
                                                        abstract: "R3, C1 and C2 over the account lines of whole persons (executors).")
        static let step = UnitAccountTasks.byPerson
        @OptionGroup var input: InputOptions
    }

    struct AccountsOutputs: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "accounts-outputs",
                                                        abstract: "C3, the removal export, contact list, notices and summary of a range of units (executors).")
        @OptionGroup var input: InputOptions
        @Option(help: "The work folder the part folders go into.") var work: String

        func run() throws {
            let settings = try input.taskSettings()
            let asOf = input.date
            try taskMain {
                try UnitAccountTasks.outputs(readAllLines(), settings: settings, asOf: asOf,
                                             inputDirectory: input.inputDirectory, workDirectory: work, emit: emitLine)
            }
        }
    }
}

/// A step over all the account lines of its partition.
protocol AccountLinesStep: ParsableCommand {
    static var step: ([Substring], PipelineSettings, (String) -> Void) throws -> Void { get }
    var input: InputOptions { get }
}

extension AccountLinesStep {
    func run() throws {
        let settings = try input.taskSettings()
        try taskMain { try Self.step(readAllLines(), settings, emitLine) }
    }
}

/// Every line of standard input.
private func readAllLines() -> [Substring] {
    var lines: [Substring] = []
    while let line = readLine(strippingNewline: true) { lines.append(Substring(line)) }
    return lines
}

/// Each chunk task on standard input, with its fates of keys found in other tasks too.
private func forEachChunkTask(_ decisions: String?,
                              _ body: (ChunkTask, [Int: CrossTaskDuplicates.Fate]?) throws -> Void) throws {
    while let line = readLine(strippingNewline: true), !line.isEmpty {
        let task = try ChunkTask(line: Substring(line))
        try body(task, try decisions.map { try CrossTaskDuplicates.fates(inFolder: $0, chunk: task.chunk) })
    }
}

extension InputOptions {
    /// The run's settings, read the same way; an error is the worker's own failure (exit 78).
    func taskSettings() throws -> PipelineSettings {
        do {
            return try loadSettings(logger: .silent)
        } catch {
            throw failure(.config, "\(error)", logger: makeLogger())
        }
    }
}

/// Runs a worker step; a failure is printed on standard error with its exit code.
private func taskMain(_ body: () throws -> Void) throws {
    do {
        try body()
        TaskOutput.shared.flush()
    } catch {
        TaskOutput.shared.flush()
        let code = (error as? RunError)?.exitCode ?? .dataError
        var text = "jgpipe task: \(error)\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        throw ArgumentParser.ExitCode(code.rawValue)
    }
}

private func emitLine(_ line: String) {
    TaskOutput.shared.append(line)
}
