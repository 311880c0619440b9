/// One stage of the run (units and accounts, exams, vehicles): reads its datasets, applies its
/// rules, writes its outputs into the staging folder and adds notices and summary sections.
/// A stage parses its own settings section in its initializer, so a bad pipeline file stops
/// the run (exit 78) before any input is read.
public protocol PipelineStage {
    var name: String { get }
    func run(_ context: RunContext) throws
}
