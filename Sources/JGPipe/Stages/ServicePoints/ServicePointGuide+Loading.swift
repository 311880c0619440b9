extension ServicePointGuide {
    /// The guide from `service_points.csv` of the input folder (none without one), read before the
    /// stages so that each notice can name its point (P6). `read`: the run's read options (on a
    /// Spark task, those of the whole run, not of the task's byte range). The dataset's counts and
    /// files are the service point stage's: this read does not register it.
    static func load(_ inputs: RunInputs, read: ReadOptions) throws -> ServicePointGuide {
        guard let path = inputs.path("service_points") else { return .none }
        let settings = try ServicePointSettings(inputs.settings.root.table("service_points"))
        let loaded = try DatasetLoader.load(path: path, validator: ServicePointValidator(settings: settings),
                                            extraAliases: inputs.settings.extraAliases(for: ServicePointValidator.schema),
                                            options: read)
        return ServicePointGuide(points: loaded.records.compactMap { point in
            guard point.isOpen, point.isComplete, let region = point.region else { return nil }
            return (Point(id: point.id, name: point.name, address: point.address, hours: point.hours), region.value,
                    inputs.settings.detachments.code(for: region), point.services)
        })
    }
}
