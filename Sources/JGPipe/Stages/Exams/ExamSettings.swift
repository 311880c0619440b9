/// SPEC §2 class sets from `[exams]`; a bad class code, overlapping sets or C6 among the small-car
/// classes is a pipeline-file error (exit 78).
extension ExamClassSets {
    init(_ table: SettingsTable) throws {
        let defaults = ExamClassSets()
        self.init(smallCar: try table.classes("small_car_classes", default: defaults.smallCar),
                  large: try table.classes("large_classes", default: defaults.large),
                  motorcycle: try table.classes("motorcycle_classes", default: defaults.motorcycle))
        for (a, b, shared) in [("small_car_classes", "large_classes", smallCar.intersection(large)),
                               ("small_car_classes", "motorcycle_classes", smallCar.intersection(motorcycle)),
                               ("large_classes", "motorcycle_classes", large.intersection(motorcycle))]
            where !shared.isEmpty {
            throw SettingsError("\(table.path).\(a) and \(table.path).\(b) must not share classes, both hold \(shared.codes.joined(separator: " "))")
        }
        if smallCar.contains(.c6) {
            throw SettingsError("\(table.path).small_car_classes must not hold C6: C6 is the trailer class of cases E3 and E4")
        }
    }
}
