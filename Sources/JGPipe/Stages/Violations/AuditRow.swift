/// One row of the W3 audit file, kept from its slice until the file is sorted (processed non-site
/// violations handled by someone not registered: a small share).
struct AuditRow {
    typealias Column = ViolationValidator.Column

    let detachment: String
    let processedAt: Int64
    let violationID: String
    let finding: AuthorisationFinding
    /// The row as written (`ViolationStage.auditColumns`).
    let fields: [String]

    init(_ v: Violation, finding: AuthorisationFinding, detachment: String, fields store: RowStore, row i: Int,
         _ vehicles: VehicleDirectory) {
        self.detachment = detachment
        processedAt = v.processedAt!.sortKey
        violationID = v.violationID
        self.finding = finding
        fields = [
            store.field(i, Column.violationID), store.field(i, Column.plate), store.field(i, Column.plateType),
            vehicles.field(v.vehicle, .vin), store.field(i, Column.occurredAt), store.field(i, Column.processedAt),
            store.field(i, Column.handlerType), store.field(i, Column.handlerNumber), store.field(i, Column.handlerName),
            vehicles.field(v.vehicle, .ownerID), finding.rawValue, detachment,
        ]
    }
}
