import ArgumentParser
import Glibc
import JGPipe

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Clean, convert and notify: read the dumps in --input-dir, publish the outputs in --out.",
        discussion: """
        Inputs are found by their canonical names (units.csv, unit_accounts.csv, …) or as the pipeline \
        file's [inputs] table names them; an absent dataset skips its stage. The outputs appear in --out \
        complete or not at all. The run ledger and lock live in --state: a notice an earlier successful \
        run published is left out of notifications.csv unless --all-notices. Without --state (a one-off \
        migration, an analyst's look) there is no ledger and no lock, and every notice is written; \
        nightly jobs pass --state. See docs/OPERATIONS.md.

        --out must be a folder of its own: not the input folder or the state folder, nor inside or \
        around them. It may be absent, empty, or an earlier output of jgpipe (its manifest.json lists \
        every file in it); anything else is refused (exit 73) and left as it was.

        \(JGPipeCommand.exitCodes)
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("out"), help: "Output folder: absent, empty or an earlier jgpipe output; replaced as a whole when the run succeeds.")
    var outputDirectory: String

    /// SPEC §5 (revision of 2026-12-07): no default folder, so a second look from the same folder
    /// is not silently left without notices by a hidden ledger.
    @Option(name: .customLong("state"), help: "Folder of the run ledger and lock (created when missing). Without it: no ledger, every notice written.")
    var stateDirectory: String?

    @Flag(name: .customLong("all-notices"), help: "Write every notice, also those an earlier run already published (re-running a night).")
    var allNotices = false

    @Option(help: "Where the stages run: embedded (this process) or spark (tasks on a Spark cluster; docs/SCALE-OUT.md).")
    var engine: EngineChoice = .embedded

    @Option(name: .customLong("spark-master"), help: "With --engine spark: the Spark master, e.g. local[2], yarn, k8s://https://HOST:443.")
    var sparkMaster: String?

    @Option(name: .customLong("spark-conf"), parsing: .singleValue,
            help: ArgumentHelp("With --engine spark: a Spark setting, e.g. spark.executor.memory=2g (spark.jgpipe.chunkBytes: bytes a task).",
                               valueName: "KEY=VALUE"))
    var sparkConf: [String] = []

    enum EngineChoice: String, ExpressibleByArgument, CaseIterable {
        case embedded, spark
    }

    func validate() throws {
        if engine == .embedded && (sparkMaster != nil || !sparkConf.isEmpty) {
            throw ValidationError("--spark-master and --spark-conf need --engine spark")
        }
        if engine == .spark && sparkMaster == nil {
            throw ValidationError("--engine spark needs --spark-master, e.g. --spark-master 'local[2]'")
        }
    }

    func run() throws {
        StopRequest.install()
        let logger = input.makeLogger()
        let settings = try input.settings(logger: logger)
        var request = RunRequest(settings: settings, inputDirectory: input.inputDirectory, outputDirectory: outputDirectory,
                                 asOf: input.date, stateDirectory: stateDirectory, allNotices: allNotices)
        if engine == .spark, let sparkMaster {
            do {
                request.engine = .spark(try SparkOptions(master: sparkMaster, conf: sparkConf,
                                                         settingsArguments: input.settingsArguments(settings)))
            } catch {
                throw failure(error.exitCode, error.message, logger: logger)
            }
        }
        let outcome = Pipeline.run(request, logger: logger)
        guard outcome.exitCode == .ok else { throw failure(outcome.exitCode, outcome.message, logger: logger) }
        for (name, counts) in outcome.datasets {
            logger.info("\(name): \(counts.inputRecords) in = \(counts.cleaned) cleaned + \(counts.rejected) rejected + \(counts.collapsedDuplicates) collapsed duplicates",
                        metadata: ["dataset": "\(name)", "input": "\(counts.inputRecords)", "cleaned": "\(counts.cleaned)",
                                   "rejected": "\(counts.rejected)", "collapsed": "\(counts.collapsedDuplicates)"])
        }
        logger.info("\(outcome.message)", metadata: ["out": "\(outputDirectory)"])
    }
}
