/// The byte-level row path of `vehicles.csv` (see `DatasetValidator.validateRaw`).
extension VehicleValidator {
    static let ownerTypeKeys = ClosedList(ownerTypes)

    /// The common row — every field valid and already normalised, a plate without separators, a
    /// resident owner in 18-character form or a unit's credit code, status letters — straight from
    /// bytes; anything else (Chinese status names, a legacy or foreign identity number, any error)
    /// goes to `validateRow`.
    public func validateRaw(_ row: RawRow, map: HeaderMap, into store: RowStore) -> Vehicle? {
        guard let vinText = row.normalized(Column.vin, map, upper: true), let vinCheck = VIN.check(vinText),
              let plateText = row.normalized(Column.plate, map, upper: true), Plate.hasNoSeparator(plateText),
              plateText.isEmpty || Plate.isValid(utf8: plateText),
              let plateType = row.normalized(Column.plateType, map),
              let vehicleType = row.normalized(Column.vehicleType, map, upper: true), Self.isVehicleType(vehicleType),
              let useNature = row.normalized(Column.useNature, map, upper: true), useNature.count == 1,
              (0x41...0x55).contains(useNature[0]),
              let ownerType = row.normalized(Column.ownerType, map).flatMap(Self.ownerTypeKeys.match),
              let owner = owner(ownerType, row, map),
              let name = row.normalized(Column.ownerName, map),
              let phone = row.normalized(Column.ownerPhone, map),
              let region = row.normalized(Column.region, map), RegionCode.isValid(region),
              let registeredOn = row.normalized(Column.registeredOn, map).flatMap(DateText.parseNormalized),
              let inspection = row.optionalDate(Column.inspectionValidUntil, map),
              let statusText = row.normalized(Column.status, map, upper: true),
              statusText.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }),
              let scrapReceivedOn = row.optionalDate(Column.scrapReceivedOn, map),
              let scrapRegion = row.normalized(Column.scrapRegion, map),
              scrapRegion.isEmpty || RegionCode.isValid(scrapRegion)
        else { return nil }
        let status = VehicleStatus(validatedLetters: statusText)
        // SPEC §3: only a closed vehicle may have no plate; the string path names the error.
        guard !plateText.isEmpty || status.isClosed(closedStatuses) else { return nil }
        store.beginRow()
        store.append(Column.vin, vinText)
        store.append(Column.plate, plateText)
        store.append(Column.plateType, plateType)
        store.append(Column.vehicleType, vehicleType)
        store.append(Column.useNature, useNature)
        store.append(Column.ownerType, ownerType.rawValue)
        if let idType = owner.idType { store.append(Column.ownerIDType, idType) } else { store.append(Column.ownerIDType, "A") }
        store.append(Column.ownerIDNumber, owner.id)
        store.append(Column.ownerName, name)
        store.append(Column.ownerPhone, phone)
        store.append(Column.region, region)
        store.append(Column.registeredOn, registeredOn.date)
        store.append(Column.inspectionValidUntil, inspection)
        store.append(Column.status, status.letters)
        store.append(Column.scrapReceivedOn, scrapReceivedOn)
        store.append(Column.scrapRegion, scrapRegion)
        for source in map.passThrough { store.appendField(row[source]) }
        store.endRow()
        return Vehicle(vin: VIN(validated: vinText, checkDigitValid: vinCheck),
                       plate: plateText.isEmpty ? nil : Plate(validated: plateText),
                       vehicleType: String(decoding: vehicleType, as: UTF8.self),
                       useNature: String(decoding: useNature, as: UTF8.self), owner: owner.owner,
                       region: RegionCode(validated: region), registeredOn: registeredOn.date,
                       inspectionValidUntil: inspection, status: status, scrapReceivedOn: scrapReceivedOn,
                       scrapRegion: scrapRegion.isEmpty ? nil : RegionCode(validated: scrapRegion),
                       phoneIsValid: phone.isEmpty || Phone.isValid(bytes: phone))
    }

    /// The owner's identity as `validate` reads it, with the canonical owner_id_type and
    /// owner_id_no bytes: a person's resident number (`idType` nil: type `A`), or a unit's credit
    /// code (its type column kept as given, normalised).
    private func owner(_ type: OwnerType, _ row: RawRow, _ map: HeaderMap)
        -> (owner: VehicleOwner, idType: UnsafeBufferPointer<UInt8>?, id: UnsafeBufferPointer<UInt8>)? {
        switch type {
        case .person:
            guard let person = row.residentID(type: Column.ownerIDType, number: Column.ownerIDNumber, map) else { return nil }
            return (.person(IdentityNumber(residentNumber: person.number)), nil, person.number)
        case .unit:
            guard let idType = row.normalized(Column.ownerIDType, map, upper: true),
                  let code = row.normalized(Column.ownerIDNumber, map, upper: true), CreditCode.isValid(code)
            else { return nil }
            return (.unit(CreditCode(validated: code)), idType, code)
        }
    }
}
