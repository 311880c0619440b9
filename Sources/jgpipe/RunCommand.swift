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
        complete or not at all.
        """
    )

    @Argument(help: "Pipeline file (TOML). Default: pipelines/default.toml, else the built-in national defaults.")
    var pipeline: String?

    @Option(name: .customLong("input-dir"), help: "Folder holding the CSV dumps.")
    var inputDirectory: String

    @Option(name: .customLong("out"), help: "Output folder; replaced as a whole when the run succeeds.")
    var outputDirectory: String

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

    func run() throws {
        let settings: PipelineSettings
        do {
            settings = try loadSettings()
        } catch {
            fail(.config, "\(error)")
        }
        let date = asOf.flatMap { try? CalendarDate(parsing: $0) } ?? today()
        let request = RunRequest(settings: settings, inputDirectory: inputDirectory, outputDirectory: outputDirectory, asOf: date)
        let quiet = quiet
        let outcome = Pipeline.run(request) { line in
            if !quiet { printError("jgpipe: \(line)") }
        }
        guard outcome.exitCode == .ok else { fail(outcome.exitCode, outcome.message) }
        if !quiet {
            for (name, counts) in outcome.datasets {
                printError("jgpipe: \(name): \(counts.inputRecords) in = \(counts.cleaned) cleaned + \(counts.rejected) rejected + \(counts.collapsedDuplicates) collapsed duplicates")
            }
            printError("jgpipe: \(outcome.notices) notices; \(outcome.message)")
        }
    }

    private func loadSettings() throws -> PipelineSettings {
        if let pipeline {
            return try PipelineSettings.load(path: pipeline, overrides: overrides)
        }
        let defaultPath = "pipelines/default.toml"
        if access(defaultPath, R_OK) == 0 {
            return try PipelineSettings.load(path: defaultPath, overrides: overrides)
        }
        if !quiet { printError("jgpipe: \(defaultPath) not found here; using the built-in national defaults") }
        var values: [String: SettingValue] = [:]
        for override in overrides { try PipelineFile.apply(override: override, to: &values) }
        return try PipelineSettings(values: values)
    }

    private func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

func printError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func fail(_ code: JGPipe.ExitCode, _ message: String) -> Never {
    printError("jgpipe: error: \(message)")
    exit(code.rawValue)
}
