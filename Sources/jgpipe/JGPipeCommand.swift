import ArgumentParser
import Glibc
import JGPipe

@main
struct JGPipeCommand: ParsableCommand {
    static let exitCodes = """
        Exit codes: 0 done; 64 usage error (also: --out is, contains or lies inside --input-dir or --state); \
        65 unusable input data, or too many rejected rows (outputs held in <out>.held); 66 input folder \
        missing, or holding none of the datasets; 69 --engine spark cannot run this input yet (nothing \
        published); 73 --out cannot be created or replaced (a folder or file \
        jgpipe did not write is never replaced); 75 another run holds the lock; 78 pipeline-file error (also \
        an unknown setting); 129, 130, 143 stopped by SIGHUP, SIGINT, SIGTERM: nothing published.
        """

    static let configuration = CommandConfiguration(
        commandName: "jgpipe",
        abstract: "Batch pipeline for the 2024 traffic-administration measures (交管12123 data).",
        discussion: exitCodes,
        version: JGPipeVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, TaskCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// `run` is the default subcommand, so a mistyped one (`jgpipe rnu`) would be read as a
    /// pipeline file; a first word that is neither a command nor a file is a usage error (64).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let message = unknownCommand(first) {
            var text = "Error: \(message)\nUsage: jgpipe run [PIPELINE.toml] --input-dir DIR --out DIR …  (see jgpipe --help)\n"
            text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
            exit(withError: ArgumentParser.ExitCode(JGPipe.ExitCode.usage.rawValue))
        }
        main(nil)
    }

    static func unknownCommand(_ word: String) -> String? {
        // `task` (the Spark workers) is a command too, but not one a person types: not suggested.
        let shown = configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
        let commands = shown + ["help"]
        if configuration.subcommands.contains(where: { $0._commandName == word }) { return nil }
        guard !word.hasPrefix("-"), !commands.contains(word), !word.hasSuffix(".toml"), !word.contains("/"),
              access(word, F_OK) != 0 else { return nil }
        let closest = commands.min { SettingsUsage.editDistance(word, $0) < SettingsUsage.editDistance(word, $1) }
        let hint = closest.flatMap { SettingsUsage.editDistance(word, $0) <= 2 ? ": did you mean \($0)?" : nil } ?? ""
        return "unknown command \(word)\(hint) (commands: \(commands.dropLast().joined(separator: ", ")); a pipeline file ends in .toml)"
    }
}
