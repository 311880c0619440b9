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
        run published is left out of notifications.csv unless --all-notices. See docs/OPERATIONS.md.

        --out must be a folder of its own: not the input folder or the state folder, nor inside or \
        around them. It may be absent, empty, or an earlier output of jgpipe (its manifest.json lists \
        every file in it); anything else is refused (exit 73) and left as it was.

        \(JGPipeCommand.exitCodes)
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("out"), help: "Output folder: absent, empty or an earlier jgpipe output; replaced as a whole when the run succeeds.")
    var outputDirectory: String

    @Option(name: .customLong("state"), help: "Folder of the run ledger and lock (created when missing).")
    var stateDirectory = "./state"

    @Flag(name: .customLong("all-notices"), help: "Write every notice, also those an earlier run already published (re-running a night).")
    var allNotices = false

    func run() throws {
        StopRequest.install()
        let logger = input.makeLogger()
        let settings = try input.settings(logger: logger)
        let request = RunRequest(settings: settings, inputDirectory: input.inputDirectory, outputDirectory: outputDirectory,
                                 asOf: input.date, stateDirectory: stateDirectory, allNotices: allNotices)
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
