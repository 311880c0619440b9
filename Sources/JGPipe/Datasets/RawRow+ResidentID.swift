extension RawRow {
    /// The byte path's share of `IdentityNumber`: a resident identity number (type empty or `A`)
    /// that is valid and already in its 18-character form, with its `PersonKey`; nil for the rest.
    func residentID<Column: DatasetColumn>(type: Column, number: Column, _ map: HeaderMap) -> (number: UnsafeBufferPointer<UInt8>, person: UInt64)? {
        guard let type = normalized(type, map, upper: true),
              type.isEmpty || type.elementsEqual(CollectionOfOne(UInt8(ascii: "A"))),
              let number = normalized(number, map, upper: true), ResidentID.isValidCanonical(number),
              let person = PersonKey.packResidentNumber(number)
        else { return nil }
        return (number, person)
    }
}
