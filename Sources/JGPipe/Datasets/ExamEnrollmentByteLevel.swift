/// The byte-level row path of `exam_enrollments.csv` (see `DatasetValidator.validateRaw`).
extension ExamEnrollmentValidator {
    static let statusKeys = ClosedList(statuses)
    private static let overdueRenewalChinese: [UInt8] = Array("逾期未换证".utf8)

    /// The common row — every field valid and already normalised, a resident applicant in
    /// 18-character form, an ASCII cancel reason or 逾期未换证 — straight from bytes; anything else
    /// goes to `validateRow`.
    public func validateRaw(_ row: RawRow, map: HeaderMap, into store: RowStore) -> ExamEnrollment? {
        guard let enrollmentID = row.normalized(Column.enrollmentID, map), !enrollmentID.isEmpty,
              let applicant = row.residentID(type: Column.applicantType, number: Column.applicantNumber, map),
              let name = row.normalized(Column.applicantName, map),
              let phone = row.normalized(Column.applicantPhone, map),
              let region = row.normalized(Column.region, map), RegionCode.isValid(region),
              let original = row.normalized(Column.original, map, upper: true).flatMap(LicenceClasses.parse),
              let requested = row.normalized(Column.requested, map, upper: true).flatMap(LicenceClasses.parse),
              let reasonText = row.normalized(Column.cancelReason, map), !reasonText.isEmpty,
              let isOverdueRenewal = Self.isOverdueRenewal(reasonText),
              let expiry = row.optionalDate(Column.licenceExpiry, map),
              !isOverdueRenewal || expiry != nil,
              let enrolledOn = row.normalized(Column.enrolledOn, map).flatMap(DateText.parseNormalized),
              let s1 = row.normalized(Column.subject1, map).flatMap(Self.statusKeys.match),
              let s2 = row.normalized(Column.subject2, map).flatMap(Self.statusKeys.match),
              let s3Road = row.normalized(Column.subject3Road, map).flatMap(Self.statusKeys.match),
              let s3Safety = row.normalized(Column.subject3Safety, map).flatMap(Self.statusKeys.match),
              let bookedOn = row.optionalDate(Column.subject2BookedOn, map),
              let exclusion = row.normalized(Column.exclusion, map)
        else { return nil }
        let originalClasses = LicenceClasses(rawValue: original), requestedClasses = LicenceClasses(rawValue: requested)
        store.beginRow()
        store.append(Column.enrollmentID, enrollmentID)
        store.append(Column.applicantType, "A")
        store.append(Column.applicantNumber, applicant.number)
        store.append(Column.applicantName, name)
        store.append(Column.applicantPhone, phone)
        store.append(Column.region, region)
        originalClasses.withCanonicalUTF8 { store.append(Column.original, $0) }
        requestedClasses.withCanonicalUTF8 { store.append(Column.requested, $0) }
        if isOverdueRenewal {
            store.append(Column.cancelReason, CancelReason.overdueRenewalCode)
        } else {
            store.append(Column.cancelReason, reasonText)
        }
        store.append(Column.licenceExpiry, expiry)
        store.append(Column.enrolledOn, enrolledOn.date)
        store.append(Column.subject1, s1.rawValue)
        store.append(Column.subject2, s2.rawValue)
        store.append(Column.subject3Road, s3Road.rawValue)
        store.append(Column.subject3Safety, s3Safety.rawValue)
        store.append(Column.subject2BookedOn, bookedOn)
        store.append(Column.exclusion, exclusion)
        for source in map.passThrough { store.appendField(row[source]) }
        store.endRow()
        let reason: CancelReason = if isOverdueRenewal, let expiry {
            .overdueRenewal(expiry: expiry)
        } else {
            .other(String(decoding: reasonText, as: UTF8.self))
        }
        return ExamEnrollment(enrollmentID: String(decoding: enrollmentID, as: UTF8.self),
                              applicant: IdentityNumber(residentNumber: applicant.number),
                              region: RegionCode(validated: region), original: originalClasses,
                              requested: requestedClasses, cancelReason: reason, licenceExpiry: expiry,
                              enrolledOn: enrolledOn.date,
                              subjects: SubjectStatuses(s1: s1, s2: s2, s3Road: s3Road, s3Safety: s3Safety),
                              subject2BookedOn: bookedOn, hasExclusion: !exclusion.isEmpty)
    }

    /// `overdueRenewalNames` on bytes: an ASCII reason compared lower-cased, or 逾期未换证; nil
    /// for any other non-ASCII text, whose Unicode lower-casing is left to the string path.
    static func isOverdueRenewal(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        if b.elementsEqual(overdueRenewalChinese) { return true }
        guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
        return b.lazy.map { ASCII.isUpper($0) ? $0 | 0x20 : $0 }.elementsEqual(CancelReason.overdueRenewalCode.utf8)
    }
}
