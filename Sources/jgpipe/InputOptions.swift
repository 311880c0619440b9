import ArgumentParser
import Glibc
import JGPipe
import Logging

/// The options `run` and `validate` share: which pipeline file, which dumps, which date.
struct InputOptions: ParsableArguments {
    @Argument(help: "Pipeline file (TOML). Default: pipelines/default.toml, else the built-in national defaults.")
    var pipeline: String?

    @Option(name: .customLong("input-dir"), help: "Folder holding the CSV dumps.")
    var inputDirectory: String

    @Option(name: .customLong("as-of"), help: "The run date (YYYY-MM-DD). Default: today. The state shown is that of max(as-of, cutover).")
    var asOf: String?

    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override one pipeline value, e.g. --set unit_accounts.max_accounts_per_unit=12 (lists comma-separated).", valueName: "SECTION.KEY=VALUE"))
    var overrides: [String] = []

    @Flag(help: "Print only errors.")
    var quiet = false

    func validate() throws {
        if let asOf, (try? CalendarDate(parsing: asOf)) == nil {
            throw ValidationError("--as-of \(asOf) is not a date; write it as YYYY-MM-DD, e.g. --as-of 2024-06-01")
        }
    }

    /// On a terminal: progress lines for a person; otherwise (cron): key=value lines.
    func makeLogger() -> Logger {
        let sink = LogSink()
        let quiet = quiet
        if isatty(2) == 1 {
            return Logger(label: "jgpipe") { _ in TerminalLogHandler(level: quiet ? .error : .trace, sink: sink) }
        }
        return Logger(label: "jgpipe") { _ in KeyValueLogHandler(level: quiet ? .error : .info, sink: sink) }
    }

    var date: CalendarDate {
        asOf.flatMap { try? CalendarDate(parsing: $0) } ?? today()
    }

    /// The settings; a pipeline-file error is thrown as exit 78.
    func settings(logger: Logger) throws -> PipelineSettings {
        do {
            return try loadSettings(logger: logger)
        } catch {
            throw failure(.config, "\(error)", logger: logger)
        }
    }

    func loadSettings(logger: Logger) throws -> PipelineSettings {
        if let pipeline {
            return try PipelineSettings.load(path: pipeline, overrides: overrides)
        }
        let defaultPath = "pipelines/default.toml"
        if access(defaultPath, R_OK) == 0 {
            return try PipelineSettings.load(path: defaultPath, overrides: overrides)
        }
        logger.notice("\(defaultPath) not found here; using the built-in national defaults")
        var values: [String: SettingValue] = [:]
        for override in overrides { try PipelineFile.apply(override: override, to: &values) }
        var settings = try PipelineSettings(values: values)
        settings.overrideKeys = Set(overrides.map(PipelineFile.key(ofOverride:)))
        return settings
    }

    /// The pipeline file (absolute) and `--set` values, for a worker to read the same settings.
    func settingsArguments(_ settings: PipelineSettings) -> [String] {
        var arguments: [String] = []
        if let file = settings.fileName {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            arguments.append(realpath(file, &buffer) != nil ? String(cString: buffer) : file)
        }
        return arguments + overrides.flatMap { ["--set", $0] }
    }

    private func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

/// Logs `message` as an error (also under --quiet) and gives the exit code for the command to
/// throw: swift-argument-parser ends the process with it.
func failure(_ code: JGPipe.ExitCode, _ message: String, logger: Logger) -> ArgumentParser.ExitCode {
    logger.error("\(message)", metadata: ["exit": "\(code.rawValue)"])
    return ArgumentParser.ExitCode(code.rawValue)
}

/// A line for standard output (the validate report): what the user asked to see.
func printOut(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
}
