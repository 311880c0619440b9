import ArgumentParser
import JGPipe

@main
struct JGPipeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jgpipe",
        abstract: "Batch pipeline for the 2024 traffic-administration measures (交管12123 data).",
        discussion: "Exit codes: 0 done, 64 usage, 65 unusable input data, 66 input missing, 73 output not writable, 75 another run holds the lock, 78 pipeline-file error.",
        version: JGPipeVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
