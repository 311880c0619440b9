import Glibc
import Logging

/// What `jgpipe validate` found.
public struct ValidationOutcome: Sendable {
    public var exitCode: ExitCode
    public var message: String
    public var datasets: [(String, DatasetCounts)] = []
    public var rejections: [RejectionDigest] = []
}

extension Pipeline {
    /// `jgpipe validate`: reads and checks the inputs with the stages' own loading code, and
    /// publishes only their `*.rejected.csv` into the output folder. Exit 65 when a file is
    /// unusable, or when a dataset's rejected share is over `run.max_rejected_ratio` (the night
    /// run would refuse it); the rejected files are published in that case too, to be read.
    public static func validate(_ request: RunRequest, logger: Logger = .silent) -> ValidationOutcome {
        let startedAt = wallClockNow()
        let folder = OutputFolder(target: request.outputDirectory)
        let stages: [any PipelineStage]
        do {
            let inputFolder: InputFolder
            (stages, inputFolder) = try prepare(request, folder: folder)
            inputFolder.log(to: logger)
        } catch {
            return ValidationOutcome(exitCode: error.exitCode, message: error.message)
        }
        let context = RunContext(settings: request.settings, asOf: request.asOf, inputDirectory: request.inputDirectory,
                                 stagingDirectory: folder.staging, logger: logger)
        let inputs = context.inputs
        var outputs: [StageOutput] = []
        do {
            try folder.prepare()
            try runStages(stages, context, into: &outputs, logger: logger, validating: true)
            context.notices.discard()
            for name in try Manifest.fileNames(in: folder.staging) where !name.hasSuffix(".rejected.csv") {
                unlink(folder.staging + "/" + name)
            }
            // A manifest of the rejected files, so a later run or validate may replace the folder.
            try Manifest.write(into: folder.staging, request: request, inputs: try inputs.digests(),
                               outputs: context.staging.digests, runID: nil, startedAt: startedAt, finishedAt: wallClockNow())
            try StopRequest.check()
            try folder.publish(logger: logger)
        } catch {
            folder.discard()
            return ValidationOutcome(exitCode: exitCode(for: error), message: "\(error)", datasets: inputs.datasets,
                                     rejections: outputs.flatMap(\.rejections))
        }
        var outcome = ValidationOutcome(exitCode: .ok, message: "rejected rows written in \(folder.target)",
                                        datasets: inputs.datasets, rejections: outputs.flatMap(\.rejections))
        if let over = inputs.datasets.first(where: { $0.1.rejectedRatio > request.settings.maxRejectedRatio }) {
            outcome.exitCode = .dataError
            outcome.message = "\(over.0): \(over.1.rejected) of \(over.1.inputRecords) records rejected, more than run.max_rejected_ratio = \(request.settings.maxRejectedRatio): a run would refuse this dump; rejected rows written in \(folder.target)"
        }
        return outcome
    }
}
