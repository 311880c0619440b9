import Glibc

/// What one `jgpipe run` is asked to do.
public struct RunRequest: Sendable {
    public var settings: PipelineSettings
    public var inputDirectory: String
    public var outputDirectory: String
    public var asOf: CalendarDate

    public init(settings: PipelineSettings, inputDirectory: String, outputDirectory: String, asOf: CalendarDate) {
        self.settings = settings
        self.inputDirectory = inputDirectory
        self.outputDirectory = outputDirectory
        self.asOf = asOf
    }
}

public struct RunOutcome: Sendable {
    public var exitCode: ExitCode
    public var message: String
    public var datasets: [(String, DatasetCounts)]
    public var notices: Int
}

/// The imperative shell of a run: stages in order, then the shared outputs, then publish.
public enum Pipeline {
    public static func stages(for settings: PipelineSettings) throws -> [any PipelineStage] {
        [try UnitAccountStage(settings: settings), try VehicleStage(settings: settings)]
    }

    public static func run(_ request: RunRequest, log: @escaping (String) -> Void = { _ in }) -> RunOutcome {
        var isDirectory = stat()
        guard stat(request.inputDirectory, &isDirectory) == 0, isDirectory.st_mode & S_IFMT == S_IFDIR else {
            return RunOutcome(exitCode: .noInput, message: "input folder \(request.inputDirectory) does not exist",
                              datasets: [], notices: 0)
        }
        let stages: [any PipelineStage]
        do {
            stages = try Self.stages(for: request.settings)
        } catch {
            return RunOutcome(exitCode: .config, message: "pipeline file: \(error)", datasets: [], notices: 0)
        }
        let folder = OutputFolder(target: request.outputDirectory)
        let context = RunContext(settings: request.settings, asOf: request.asOf, inputDirectory: request.inputDirectory,
                                 stagingDirectory: folder.staging, log: log)
        do {
            try folder.prepare()
            for stage in stages {
                try stage.run(context)
            }
            try writeNotifications(context)
            try writeSummary(context)
        } catch {
            folder.discard()
            return RunOutcome(exitCode: exitCode(for: error), message: "\(error)", datasets: context.datasets,
                              notices: context.notices.count)
        }
        if let over = context.datasets.first(where: { $0.1.rejectedRatio > request.settings.maxRejectedRatio }) {
            let held = (try? folder.holdAside()) ?? folder.staging
            return RunOutcome(exitCode: .dataError,
                              message: "\(over.0): \(over.1.rejected) of \(over.1.inputRecords) records rejected, more than run.max_rejected_ratio = \(request.settings.maxRejectedRatio); nothing was published, the outputs are kept for inspection in \(held)",
                              datasets: context.datasets, notices: context.notices.count)
        }
        do {
            try folder.publish()
        } catch {
            folder.discard()
            return RunOutcome(exitCode: exitCode(for: error), message: "\(error)", datasets: context.datasets,
                              notices: context.notices.count)
        }
        return RunOutcome(exitCode: .ok, message: "outputs published in \(folder.target)", datasets: context.datasets,
                          notices: context.notices.count)
    }

    static func exitCode(for error: Error) -> ExitCode {
        switch error {
        case let error as RunError: error.exitCode
        case let error as InputFileError: error.kind == .unreadable ? .noInput : .dataError
        case is SettingsError: .config
        case is OutputFileError: .cannotCreate
        default: .dataError
        }
    }

    static func writeNotifications(_ context: RunContext) throws {
        let writer = try context.csv("notifications.csv", header: Notice.columns)
        for notice in context.notices.sorted(by: Notice.inOutputOrder) {
            try writer.writeRow(notice.fields)
        }
        try writer.close()
    }

    /// `summary.json`: every count, per dataset, rule and detachment; no clock time, so the
    /// same inputs give the same bytes.
    static func writeSummary(_ context: RunContext) throws {
        var byType: [String: Int] = [:]
        var byDetachment: [String: Int] = [:]
        var unreachable = 0
        for notice in context.notices {
            byType[notice.type, default: 0] += 1
            byDetachment[notice.detachmentCode, default: 0] += 1
            if notice.phone.isEmpty { unreachable += 1 }
        }
        let summary = JSONValue.object([
            ("tool_version", .string(JGPipeVersion.current)),
            ("as_of", .string(context.asOf.iso)),
            ("cutover_date", .string(context.settings.cutoverDate.iso)),
            ("effective_date", .string(context.effectiveDate.iso)),
            ("datasets", .object(context.datasets.map { ($0.0, $0.1.json) })),
        ] + context.sections + [
            ("notifications", .object([
                ("total", .int(context.notices.count)),
                ("unreachable_no_phone", .int(unreachable)),
                ("by_type", .counts(byType)),
                ("by_detachment", .counts(byDetachment)),
            ])),
        ])
        let path = context.stagingDirectory + "/summary.json"
        let text = summary.rendered() + "\n"
        guard let file = fopen(path, "w") else {
            throw OutputFileError(file: path, message: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        guard fputs(text, file) >= 0 else {
            throw OutputFileError(file: path, message: "cannot write: \(String(cString: strerror(errno)))")
        }
    }
}
