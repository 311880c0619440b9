/// One stage of the run (units and accounts, exams, vehicles, licences, violations): reads its
/// datasets through `context.inputs`, applies its rules, writes its files into
/// `context.staging`, adds its notices to `context.notices` (the run's collector) and returns
/// its summary sections and rejected-row digests (`StageOutput`). A stage parses its own settings section in its
/// initializer, so a bad pipeline file stops the run (exit 78) before any input is read.
public protocol PipelineStage {
    var name: String { get }
    /// The datasets the stage reads, each found in the input folder as `<name>.csv` or as
    /// `[inputs]` names it. They make `inputs.<name>` and `aliases.<name>.<column>` known
    /// settings, and tell the run which files of the input folder are inputs (SPEC §5).
    var datasets: [DatasetSchema] { get }
    func run(_ context: RunContext) throws -> StageOutput
    /// `jgpipe validate`: load (and so check) the stage's datasets with the same code as `run`
    /// and write their `*.rejected.csv`, without applying rules.
    func validate(_ context: RunContext) throws -> StageOutput
}

extension PipelineStage {
    /// A stage without its own `validate` runs whole; `jgpipe validate` keeps only its
    /// rejected files. Correct but slower: a stage should share its loading with `run`.
    public func validate(_ context: RunContext) throws -> StageOutput {
        try run(context)
    }
}
