/// What a stage is given: the run's inputs (settings, dates, datasets to load), the staging
/// folder it writes its files into, and the sink for its notices. It holds no results: a stage
/// returns those (`StageOutput`).
public struct RunContext {
    public let inputs: RunInputs
    public let staging: StagingFolder
    public let notices: any NoticeSink

    public init(inputs: RunInputs, staging: StagingFolder, notices: any NoticeSink) {
        self.inputs = inputs
        self.staging = staging
        self.notices = notices
    }

    public var settings: PipelineSettings { inputs.settings }
    public var asOf: CalendarDate { inputs.asOf }
    /// SPEC §0 "Effective date": E = max(as_of, cutover_date).
    public var effectiveDate: CalendarDate { inputs.effectiveDate }
    public var stagingDirectory: String { staging.directory }
    /// The files staged so far, in the order they were opened.
    public var outputFiles: [String] { staging.files }
}
