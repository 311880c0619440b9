import ArgumentParser
import Glibc
import JGPipe

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the dumps in --input-dir before the night run: print the rejection summary, write the rejected rows into --out.",
        discussion: """
        Reads every dataset present with the same checks as a run, applies no rule, writes no notice and \
        touches no ledger. Exit 0: the dump is usable; 65: a file is unusable, or a dataset's rejected \
        share is over run.max_rejected_ratio (a run would refuse it); 66: the input folder is missing or \
        holds none of the datasets; 73: --out is a folder or file jgpipe did not write; 78: the \
        pipeline file is wrong.
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("out"), help: "Folder for the *.rejected.csv files; replaced as a whole.")
    var outputDirectory: String

    func run() throws {
        StopRequest.install()
        let logger = input.makeLogger()
        let settings = try input.settings(logger: logger)
        let request = RunRequest(settings: settings, inputDirectory: input.inputDirectory, outputDirectory: outputDirectory,
                                 asOf: input.date)
        let outcome = Pipeline.validate(request, logger: logger)
        if !input.quiet || outcome.exitCode != .ok {
            for line in Self.report(outcome, maxRatio: settings.maxRejectedRatio) { printOut(line) }
        }
        guard outcome.exitCode == .ok else { throw failure(outcome.exitCode, outcome.message, logger: logger) }
        logger.info("\(outcome.message)")
    }

    /// The rejection summary: per dataset the conservation line, then each error code's count.
    static func report(_ outcome: ValidationOutcome, maxRatio: Double) -> [String] {
        var lines: [String] = []
        for (name, counts) in outcome.datasets {
            let share = counts.inputRecords == 0 ? 0 : Double(counts.rejected) / Double(counts.inputRecords) * 100
            let verdict = counts.rejectedRatio > maxRatio ? "  OVER run.max_rejected_ratio (\(maxRatio * 100) %)" : ""
            lines.append("\(name): \(counts.inputRecords) records = \(counts.cleaned) valid + \(counts.rejected) rejected (\(String(format1: share)) %) + \(counts.collapsedDuplicates) collapsed duplicates\(verdict)")
            if let digest = outcome.rejections.first(where: { $0.dataset == name }) {
                for (code, count) in digest.codesByCount {
                    let example = digest.samples[code]?.first.map { " — e.g. line \($0.line): \($0.message)" } ?? ""
                    lines.append("    \(code.rawValue): \(count)\(example)")
                }
            }
        }
        if outcome.datasets.isEmpty { lines.append("no dataset found in the input folder") }
        return lines
    }
}

extension String {
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }
}
