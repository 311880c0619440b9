/// The byte-level row path of `violations.csv` (see `DatasetValidator.validateRaw`).
extension ViolationValidator {
    /// The common row — every field valid and already normalised, a plate without separators of a
    /// vehicle in the directory, a resident handler in 18-character form, the choices written as
    /// `Y`/`N`/`processed`/`unprocessed` (or empty) — straight from bytes; anything else (Chinese
    /// choices, a legacy or foreign handler number, any error) goes to `validateRow`.
    public func validateRaw(_ row: RawRow, map: HeaderMap, into store: RowStore) -> Violation? {
        guard let violationID = row.normalized(Column.violationID, map), !violationID.isEmpty,
              let plate = row.normalized(Column.plate, map, upper: true), !plate.isEmpty, Plate.hasNoSeparator(plate),
              Plate.isValid(utf8: plate),
              let plateType = row.normalized(Column.plateType, map), !plateType.isEmpty,
              let occurredAt = row.normalized(Column.occurredAt, map).flatMap(DateText.parseNormalized),
              let region = row.normalized(Column.region, map), RegionCode.isValid(region),
              let code = row.normalized(Column.violationCode, map), (4...5).contains(code.count), ASCII.allDigits(code),
              let points = row.normalized(Column.points, map).flatMap(Self.points),
              let fine = row.normalized(Column.fine, map).flatMap(Money.parse),
              let nonSite = row.normalized(Column.nonSite, map).flatMap({ Self.yesNo($0, empty: true) }),
              let processed = row.normalized(Column.status, map).flatMap(Self.isProcessed),
              let handlerName = row.normalized(Column.handlerName, map),
              let paid = row.normalized(Column.paid, map).flatMap({ Self.yesNo($0, empty: false) }),
              let vehicle = vehicles.vehicle(plate: plate, plateType: plateType)
        else { return nil }
        var processedAt: DateTime?
        var handler: (number: UnsafeBufferPointer<UInt8>, person: UInt64)?
        var handlerType: UnsafeBufferPointer<UInt8>?, handlerNumber: UnsafeBufferPointer<UInt8>?
        if processed {
            guard let at = row.normalized(Column.processedAt, map).flatMap(DateText.parseNormalized),
                  let person = row.residentID(type: Column.handlerType, number: Column.handlerNumber, map)
            else { return nil }
            processedAt = DateTime(date: at.date, secondsOfDay: at.secondsOfDay)
            handler = person
        } else {
            // SPEC §8: the processing columns of an unprocessed row are not read; written as given.
            guard let type = row.normalized(Column.handlerType, map, upper: true),
                  let number = row.normalized(Column.handlerNumber, map, upper: true) else { return nil }
            handlerType = type
            handlerNumber = number
        }
        let occurred = DateTime(date: occurredAt.date, secondsOfDay: occurredAt.secondsOfDay)
        store.beginRow()
        store.append(Column.violationID, violationID)
        store.append(Column.plate, plate)
        store.append(Column.plateType, plateType)
        store.append(Column.occurredAt, occurred)
        store.append(Column.region, region)
        store.append(Column.violationCode, code)
        store.append(Column.points, String(points))
        store.append(Column.fine, fine.decimal)
        store.append(Column.nonSite, nonSite ? "Y" : "N")
        store.append(Column.status, processed ? "processed" : "unprocessed")
        if let processedAt { store.append(Column.processedAt, processedAt) } else { store.append(Column.processedAt, "") }
        if let handler {
            store.append(Column.handlerType, "A")
            store.append(Column.handlerNumber, handler.number)
        } else {
            store.append(Column.handlerType, handlerType!)
            store.append(Column.handlerNumber, handlerNumber!)
        }
        store.append(Column.handlerName, handlerName)
        store.append(Column.paid, paid ? "Y" : "N")
        for source in map.passThrough { store.appendField(row[source]) }
        store.endRow()
        return Violation(violationID: String(decoding: violationID, as: UTF8.self), vehicle: vehicle,
                         occurredAt: occurred, region: RegionCode(validated: region), points: points, fine: fine,
                         nonSite: nonSite, processedAt: processedAt,
                         handler: handler.map { IdentityNumber(residentNumber: $0.number) }, paid: paid)
    }

    public func prefetch(_ row: RawRow, map: HeaderMap) {
        guard let plate = row.normalized(Column.plate, map, upper: true),
              let plateType = row.normalized(Column.plateType, map) else { return }
        vehicles.prefetch(plate: plate, plateType: plateType)
    }

    /// `points` on bytes: empty 0, else 1–2 digits up to `maxPoints`.
    static func points(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count <= 2, ASCII.allDigits(b) else { return nil }
        let value = b.reduce(0) { $0 * 10 + ASCII.digitValue($1) }
        return value <= maxPoints ? value : nil
    }

    /// `non_site` and `paid` written as `Y`/`N` in either case, or empty (`empty`); nil for the
    /// Chinese words, left to the string path.
    static func yesNo(_ b: UnsafeBufferPointer<UInt8>, empty: Bool) -> Bool? {
        guard b.count <= 1 else { return nil }
        guard let letter = b.first else { return empty }
        switch letter | 0x20 {
        case UInt8(ascii: "y"): return true
        case UInt8(ascii: "n"): return false
        default: return nil
        }
    }

    /// `status` as `processed`/`unprocessed` (any ASCII case) or empty; nil otherwise.
    static func isProcessed(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        if b.isEmpty { return false }
        let lower = b.lazy.map { ASCII.isUpper($0) ? $0 | 0x20 : $0 }
        if lower.elementsEqual("processed".utf8) { return true }
        if lower.elementsEqual("unprocessed".utf8) { return false }
        return nil
    }
}
