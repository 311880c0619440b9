import ArgumentParser
import JGPipe

@main
struct JGPipeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jgpipe",
        abstract: "Batch pipeline for the 2024 traffic-administration measures.",
        version: JGPipeVersion.current
    )
}
