/// What one stage gives the run: its summary sections and what the report shows of its rejected
/// rows, returned by `run`; and, noted by the pipeline as it collects the output, the files it
/// staged and how many notices it put into the run's `NoticeCollector`. The notices themselves
/// stay in the collector, packed (and spilled to disk past the memory budget), never in an
/// array of the stage's.
public struct StageOutput {
    /// `summary.json` sections, in the order the stage added them.
    public var sections: [(String, JSONValue)] = []
    /// One per `<dataset>.rejected.csv` the stage wrote, in the order it closed them.
    public var rejections: [RejectionDigest] = []
    /// The files the stage staged, in the order it opened them.
    public var files: [String] = []
    /// How many notices the stage put into the collector.
    public var notices = 0

    public init() {}

    public mutating func addSection(_ name: String, _ value: JSONValue) { sections.append((name, value)) }
}
