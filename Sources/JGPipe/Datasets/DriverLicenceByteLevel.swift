/// The byte-level row path of `driver_licences.csv` (see `DatasetValidator.validateRaw`) and the
/// streamed path's key hash.
extension DriverLicenceValidator {
    /// The common row — every field valid and already normalised, a resident holder in
    /// 18-character form, status letters, an ASCII cancel reason or 逾期未换证 — straight from
    /// bytes; anything else (Chinese status names, a legacy or foreign identity number, any
    /// error) goes to `validateRow`.
    public func validateRaw(_ row: RawRow, map: HeaderMap, into store: RowStore) -> DriverLicence? {
        guard let holder = row.residentID(type: Column.holderType, number: Column.holderNumber, map),
              let name = row.normalized(Column.holderName, map),
              let phone = row.normalized(Column.holderPhone, map),
              let region = row.normalized(Column.region, map), RegionCode.isValid(region),
              let classes = row.normalized(Column.classes, map, upper: true).flatMap(LicenceClasses.parse),
              let firstIssuedOn = row.normalized(Column.firstIssuedOn, map).flatMap(DateText.parseNormalized),
              let validUntil = row.normalized(Column.validUntil, map).flatMap(DateText.parseNormalized),
              let statusText = row.normalized(Column.status, map, upper: true), statusText.allSatisfy(ASCII.isUpper),
              let reasonText = row.normalized(Column.cancelReason, map),
              let isOverdueRenewal = ExamEnrollmentValidator.isOverdueRenewal(reasonText),
              let lastMedicalOn = row.optionalDate(Column.lastMedicalOn, map),
              let lastReviewedOn = row.optionalDate(Column.lastReviewedOn, map),
              let points = row.normalized(Column.points, map).flatMap(Self.optionalPoints),
              let pointsCycleEnd = row.optionalDate(Column.pointsCycleEnd, map),
              let reviewFlag = ViolationValidator.yesNo(row.column(Column.reviewFlag, map), empty: false),
              let birthDate = row.optionalDate(Column.birthDate, map)
        else { return nil }
        let licenceClasses = LicenceClasses(rawValue: classes)
        let status = LicenceStatus(validatedLetters: statusText)
        store.beginRow()
        store.append(Column.holderType, "A")
        store.append(Column.holderNumber, holder.number)
        store.append(Column.holderName, name)
        store.append(Column.holderPhone, phone)
        store.append(Column.region, region)
        licenceClasses.withCanonicalUTF8 { store.append(Column.classes, $0) }
        store.append(Column.firstIssuedOn, firstIssuedOn.date)
        store.append(Column.validUntil, validUntil.date)
        store.append(Column.status, status.letters)
        if isOverdueRenewal {
            store.append(Column.cancelReason, CancelReason.overdueRenewalCode)
        } else {
            store.append(Column.cancelReason, reasonText)
        }
        store.append(Column.lastMedicalOn, lastMedicalOn)
        store.append(Column.lastReviewedOn, lastReviewedOn)
        store.append(Column.points, points.map(String.init) ?? "")
        store.append(Column.pointsCycleEnd, pointsCycleEnd)
        store.append(Column.reviewFlag, reviewFlag ? "Y" : "N")
        store.append(Column.birthDate, birthDate)
        for source in map.passThrough { store.appendField(row[source]) }
        store.endRow()
        return DriverLicence(holder: IdentityNumber(residentNumber: holder.number), region: RegionCode(validated: region),
                             classes: licenceClasses, firstIssuedOn: firstIssuedOn.date, validUntil: validUntil.date,
                             status: status, cancelledForOverdueRenewal: status.isCancelled && isOverdueRenewal,
                             lastMedicalOn: lastMedicalOn, lastReviewedOn: lastReviewedOn, points: points,
                             pointsCycleEnd: pointsCycleEnd, reviewFlag: reviewFlag, birthDateColumn: birthDate)
    }

    /// `points` on bytes: `.some(nil)` when empty, `.some(n)` for 1–2 digits; nil otherwise (the
    /// string path names the error).
    static func optionalPoints(_ b: UnsafeBufferPointer<UInt8>) -> Int?? {
        if b.isEmpty { return .some(nil) }
        guard b.count <= 2, ASCII.allDigits(b) else { return nil }
        return .some(b.reduce(0) { $0 * 10 + ASCII.digitValue($1) })
    }

    /// The key is (holder_id_type, holder_id_no) canonically: an empty type is `A`, and a 15-digit
    /// number is the same holder as its 18-digit form. So the hash leaves out the type and the
    /// two characters the conversion adds (the century `19` and the check character): an
    /// 18-character number hashes as its positions 1–6 and 9–17, which is a 15-digit number whole.
    public func suspectKeyHash(_ row: RawRow, map: HeaderMap) -> UInt64 {
        let number = row.column(Column.holderNumber, map)
        if Text.isNormalized(number, upper: true) { return Self.holderNumberHash(number) }
        var code = Text.normalizeCode(String(decoding: number, as: UTF8.self))
        return code.withUTF8(Self.holderNumberHash)
    }

    static func holderNumberHash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard b.count == 18 else { return FNV1a.hash(b) }
        return FNV1a.hash(b[8..<17], from: FNV1a.hash(b[0..<6]))
    }
}

extension LicenceStatus {
    /// Upper-case letters already checked (the byte-level row path); empty is `A`.
    init(validatedLetters b: UnsafeBufferPointer<UInt8>) {
        letters = b.isEmpty ? "A" : String(decoding: b, as: UTF8.self)
    }
}
