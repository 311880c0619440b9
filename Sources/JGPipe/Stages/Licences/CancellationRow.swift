/// One row of the cancellation work list, kept from its slice until the list is sorted: the
/// fields the list shows (open licences 第七十九条 cancels: a small share).
struct CancellationRow {
    typealias Column = DriverLicenceValidator.Column
    static let shownColumns = [Column.holderType, Column.holderNumber, Column.holderName, Column.holderPhone,
                               Column.region, Column.classes, Column.validUntil]

    let reason: CancellationReason
    let dueOn: CalendarDate
    /// A − cancel_due_on.
    let daysOverdue: Int
    let holderNumber: String
    let detachment: String
    /// `shownColumns` of the licence's canonical row.
    let fields: [String]

    init(_ cancellation: LicenceCancellation, asOf: CalendarDate, holderNumber: String, detachment: String,
         fields store: RowStore, row: Int) {
        reason = cancellation.reason
        dueOn = cancellation.dueOn
        daysOverdue = Int(asOf.dayNumber - cancellation.dueOn.dayNumber)
        self.holderNumber = holderNumber
        self.detachment = detachment
        fields = Self.shownColumns.map { store.field(row, $0) }
    }
}
