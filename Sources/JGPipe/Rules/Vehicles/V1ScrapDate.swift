/// V1 (SPEC §3; measure 三.二.2 "临近报废期限的机动车", 七.二 "机动车报废"): the date a vehicle reaches the
/// service life of the mandatory-scrapping standard, registered_on + the first matching row's
/// years; nil when no row matches (no age limit). Applies to every vehicle, open or closed.
func applyV1(registeredOn: CalendarDate, vehicleType: String, useNature: String,
                 table: ScrapTable) -> CalendarDate? {
    table.serviceLife(vehicleType: vehicleType, useNature: useNature).map { registeredOn.adding(years: $0) }
}

extension RuleWording {
    static let V1 = RuleWording(label: "强制报废年限", section: "三.二")
}
