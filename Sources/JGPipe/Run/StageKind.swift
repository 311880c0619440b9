/// Every stage of a run, in run order: the one list that `Pipeline.stages(for:)`, the Spark
/// engine's task dispatch (`StageTask`) and its `supportedDatasets` are made from, so that a stage
/// added here and forgotten there is a compile error (the switches are exhaustive), not a run
/// that fails.
public enum StageKind: CaseIterable, Sendable {
    case unitAccounts, exams, vehicles, licences, violations, servicePoints

    func make(_ settings: PipelineSettings) throws -> any PipelineStage {
        switch self {
        case .unitAccounts: try UnitAccountStage(settings: settings)
        case .exams: try ExamStage(settings: settings)
        case .vehicles: try VehicleStage(settings: settings)
        case .licences: try LicenceStage(settings: settings)
        case .violations: try ViolationStage(settings: settings)
        case .servicePoints: try ServicePointStage(settings: settings)
        }
    }

    /// The datasets the Spark engine cuts into tasks of this stage; the service points run in the
    /// driver after the tasks (they read the run's notices, and are a few thousand rows).
    var sparkDatasets: [String] {
        switch self {
        case .unitAccounts: ["units", "unit_accounts"]
        case .exams: ["exam_enrollments"]
        case .vehicles: ["vehicles"]
        case .licences: ["driver_licences"]
        // vehicle_users is read by the violations' task beside violations.csv.
        case .violations: ["violations", "vehicle_users"]
        case .servicePoints: []
        }
    }

    /// The stage a Spark task over `dataset` runs (`unit_accounts` tasks are `UnitAccountTasks`').
    static func taskStage(for dataset: String, settings: PipelineSettings) throws -> (any PipelineStage)? {
        guard let kind = allCases.first(where: { $0.sparkDatasets.contains(dataset) }) else { return nil }
        switch kind {
        case .unitAccounts: return dataset == "units" ? try UnitAccountStage(settings: settings, unitsOnly: true) : nil
        case .violations: return dataset == "violations" ? try ViolationStage(settings: settings) : nil
        case .exams, .vehicles, .licences: return try kind.make(settings)
        case .servicePoints: return nil
        }
    }

    /// The datasets the driver reads itself on the Spark engine.
    static var driverDatasets: [String] {
        allCases.flatMap { kind -> [String] in
            switch kind {
            case .servicePoints: ServicePointStage.datasetNames
            case .unitAccounts, .exams, .vehicles, .licences, .violations: []
            }
        }
    }
}
