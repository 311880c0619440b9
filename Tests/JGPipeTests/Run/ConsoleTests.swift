import Foundation
import Logging
import Testing
@testable import JGPipe

/// Issue #11 part 4: what a person or cron reads is true — no notice count for a run that
/// published nothing, a mistyped command named as one, every exit code in --help.
@Suite struct ConsoleTests {
    final class Captured: @unchecked Sendable {
        let lock = NSLock()
        var text = ""
        func append(_ line: String) { lock.lock(); text += line; lock.unlock() }
    }

    /// The refused sample run (20 % of units rejected, over the default 5 %), on a terminal and
    /// under cron: neither says notices were written.
    @Test func aRefusedRunNeverCountsNoticesAsWritten() throws {
        for terminal in [true, false] {
            let captured = Captured()
            let sink = LogSink(write: { captured.append($0) })
            let logger = Logger(label: "test") { _ in
                terminal ? TerminalLogHandler(level: .info, sink: sink) as any LogHandler : KeyValueLogHandler(sink: sink)
            }
            let out = RunHarness.temporaryFolder("jgpipe-console") + "/out"
            let request = RunRequest(settings: try PipelineSettings(), inputDirectory: sampleInput, outputDirectory: out,
                                     asOf: try CalendarDate(parsing: "2024-06-01"))
            let outcome = Pipeline.run(request, logger: logger)
            #expect(outcome.exitCode == .dataError)
            #expect(outcome.message.contains("nothing was published"))
            #expect(!captured.text.contains("notices written"), "\(captured.text)")
            #expect(!captured.text.contains("notices_written"), "\(captured.text)")
            #expect(captured.text.contains(terminal ? "without publishing (refused)" : "outcome=refused"), "\(captured.text)")
        }
    }

    @Test func aPublishedRunCountsItsNotices() throws {
        let captured = Captured()
        let sink = LogSink(write: { captured.append($0) })
        let logger = Logger(label: "test") { _ in TerminalLogHandler(level: .info, sink: sink) }
        var values: [String: SettingValue] = [:]
        try PipelineFile.apply(override: "run.max_rejected_ratio=0.5", to: &values)
        let request = RunRequest(settings: try PipelineSettings(values: values), inputDirectory: sampleInput,
                                 outputDirectory: RunHarness.temporaryFolder("jgpipe-console") + "/out",
                                 asOf: try CalendarDate(parsing: "2024-06-01"))
        #expect(Pipeline.run(request, logger: logger).exitCode == .ok)
        #expect(captured.text.contains(" notices written, "), "\(captured.text)")
    }

    @Test func aMistypedCommandIs64WithASuggestion() throws {
        let rnu = try JGPipeBinary.run(["rnu", "--input-dir", sampleInput, "--out", "/tmp/never"])
        #expect(rnu.code == 64)
        #expect(rnu.stderr.contains("unknown command rnu: did you mean run?"), "\(rnu.stderr)")
        #expect(!rnu.stderr.contains("cannot read the pipeline file"))
        let valdate = try JGPipeBinary.run(["valdate"])
        #expect(valdate.code == 64)
        #expect(valdate.stderr.contains("did you mean validate?"))
        let far = try JGPipeBinary.run(["frobnicate"])
        #expect(far.code == 64)
        #expect(far.stderr.contains("unknown command frobnicate (commands: run, validate; a pipeline file ends in .toml)"))
        // A pipeline file that exists is still a pipeline file.
        let pipeline = try JGPipeBinary.run(["pipelines/default.toml", "--input-dir", RunHarness.temporaryFolder("jgpipe-empty"),
                                             "--out", RunHarness.temporaryFolder("jgpipe-console") + "/out", "--state",
                                             RunHarness.temporaryFolder("jgpipe-console-state")])
        #expect(pipeline.code == 66, "\(pipeline.stderr)")
    }

    @Test func helpListsEveryExitCode() throws {
        for arguments in [["--help"], ["run", "--help"]] {
            let help = try JGPipeBinary.run(arguments)
            #expect(help.code == 0)
            // Wrapped to the terminal's width: compared word by word.
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for code in ["0 done", "64 usage", "65 unusable", "66 input", "73 --out", "75 another run", "78 pipeline-file",
                         "129, 130, 143"] {
                #expect(text.contains(code), "\(arguments) --help lacks \(code)")
            }
        }
    }
}
