import Logging

/// What a stage is given: the run's inputs (settings, dates, datasets to load), the staging
/// folder it writes its files into, and the run's notice collector, the sink for its notices.
/// It holds no results: a stage returns those (`StageOutput`).
public struct RunContext {
    public let inputs: RunInputs
    public let staging: StagingFolder
    /// The run's notices, packed as they come and spilled in sorted runs past an eighth of
    /// `run.memory_budget_mb` (`NoticeCollector`): a stage adds them a batch at a time.
    public let notices: NoticeCollector
    /// SPEC §9 P6: the service point each notice names, read before the stages
    /// (`ServicePointGuide.load`); `.none` without `service_points.csv`.
    public var servicePoints = ServicePointGuide.none

    public init(inputs: RunInputs, staging: StagingFolder, notices: NoticeCollector) {
        self.inputs = inputs
        self.staging = staging
        self.notices = notices
    }

    /// A run's context over `stagingDirectory`: its notices spill into the folder's
    /// `notices.spill/` past their share of `run.memory_budget_mb`.
    public init(settings: PipelineSettings, asOf: CalendarDate, inputDirectory: String, stagingDirectory: String,
                logger: Logger = .silent) {
        self.init(inputs: RunInputs(settings: settings, asOf: asOf, directory: inputDirectory, logger: logger),
                  staging: StagingFolder(directory: stagingDirectory, encoding: settings.outputEncoding),
                  notices: NoticeCollector(spillFolder: stagingDirectory + "/" + NoticeCollector.spillFolderName,
                                           memoryBytes: settings.memoryBudgetBytes / NoticeCollector.budgetShare))
    }

    /// `jgpipe validate` for a streamed dataset: reads `path` and writes only its
    /// `<dataset>.rejected.csv`; the digest of its rejected rows, nil when the file has no header.
    func writeRejectedOnly<V: DatasetValidator>(_ path: String, _ validator: V) throws -> RejectionDigest? {
        var rejected: RejectedFile?
        _ = try inputs.stream(path, validator) { header in
            rejected = try staging.openRejected(validator.schema.name, header: header)
        } slice: { part in
            try rejected?.write(part.rejected)
        }
        return try rejected?.close()
    }

    public var settings: PipelineSettings { inputs.settings }
    public var asOf: CalendarDate { inputs.asOf }
    /// SPEC §0 "Effective date": E = max(as_of, cutover_date).
    public var effectiveDate: CalendarDate { inputs.effectiveDate }
    public var stagingDirectory: String { staging.directory }
    public var logger: Logger { inputs.logger }
    /// The files staged so far, in the order they were opened.
    public var outputFiles: [String] { staging.files }
}
