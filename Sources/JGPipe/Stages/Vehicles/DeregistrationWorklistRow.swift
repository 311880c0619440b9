/// One row of the V3 work list, kept from its slice until the list is sorted: the task and the
/// few fields the list shows (about 2 % of vehicles have scrap information).
struct WorklistRow {
    typealias Column = VehicleValidator.Column
    static let shownColumns = [Column.vin, Column.plate, Column.ownerName, Column.ownerPhone, Column.region,
                               Column.scrapRegion, Column.scrapReceivedOn]

    let task: DeregistrationTask
    let vin: String
    let detachment: String
    /// `shownColumns` of the vehicle's canonical row.
    let fields: [String]

    init(task: DeregistrationTask, vin: String, detachment: String, fields store: RowStore, row: Int) {
        self.task = task
        self.vin = vin
        self.detachment = detachment
        fields = Self.shownColumns.map { store.field(row, $0) }
    }
}
