/// SPEC §7 `status` (驾驶证状态): the status letters as exported; empty means `A` (正常). Which
/// letters close a licence is a setting (`[licences] closed_statuses`), so the record keeps them all.
public struct LicenceStatus: Hashable, Sendable {
    public let letters: String

    /// Chinese names some exports use instead of the letter.
    static let names: [String: String] = ["正常": "A", "撤销": "E", "吊销": "F", "注销": "G"]

    /// 注销: with cancel_reason overdue_renewal, the cancellation that §2's restoration exams undo.
    public static let cancelled: Character = "G"

    public init(_ raw: String) throws(FieldError) {
        letters = try StatusLetters.parse(raw, names: LicenceStatus.names, invalid: { "\"\($0)\" 不是 A-Z 的驾驶证状态字母（E 撤销、F 吊销、G 注销）" })
    }

    /// Closed when any of its letters is one of `[licences] closed_statuses`.
    public func isClosed(_ closed: ClosedStatusLetters) -> Bool { letters.utf8.contains(where: closed.contains) }

    public var isCancelled: Bool { letters.contains(LicenceStatus.cancelled) }
}

/// A driving licence (机动车驾驶证) from `driver_licences.csv` (SPEC §7), typed for D1–D5.
public struct DriverLicence: Equatable, Sendable {
    public let holder: IdentityNumber
    public let region: RegionCode
    public let classes: LicenceClasses
    public let firstIssuedOn: CalendarDate
    public let validUntil: CalendarDate
    public let status: LicenceStatus
    /// Status `G` (注销) with cancel_reason overdue_renewal (逾期未换证): SPEC §2's cancellation.
    public let cancelledForOverdueRenewal: Bool
    public let lastMedicalOn: CalendarDate?
    public let lastReviewedOn: CalendarDate?
    /// The points recorded in the cycle ending on `pointsCycleEnd`; nil when not exported (D2 (a)).
    public let points: Int?
    public let pointsCycleEnd: CalendarDate?
    /// The source system's mark of an accident that makes the cycle's review due (第七十二条第四、五款).
    public let reviewFlag: Bool
    /// The `birth_date` column: the age of a holder whose id carries none (not type A).
    public let birthDateColumn: CalendarDate?

    /// SPEC §7: the birth date of a type-A identity number, else `birth_date`; nil when neither.
    public var birthDate: CalendarDate? { holder.birthDate ?? birthDateColumn }
}

public struct DriverLicenceValidator: RecordValidator {
    public typealias Record = DriverLicence

    /// SPEC §7 `driver_licences.csv`, in table order.
    enum Column: Int, DatasetColumn {
        case holderType, holderNumber, holderName, holderPhone, region, classes, firstIssuedOn, validUntil, status,
             cancelReason, lastMedicalOn, lastReviewedOn, points, pointsCycleEnd, reviewFlag, birthDate

        static let dataset = "driver_licences"

        var spec: ColumnSpec {
            switch self {
            case .holderType: ColumnSpec("holder_id_type", aliases: ["证件类型"])
            case .holderNumber: ColumnSpec("holder_id_no", aliases: ["身份证明号码", "驾驶证号"], required: true)
            case .holderName: ColumnSpec("holder_name", aliases: ["姓名"])
            case .holderPhone: ColumnSpec("holder_phone", aliases: ["手机号码"])
            case .region: ColumnSpec("region_code", aliases: ["管辖区划", "发证机关区划"], required: true)
            case .classes: ColumnSpec("classes", aliases: ["准驾车型"], required: true)
            case .firstIssuedOn: ColumnSpec("first_issued_on", aliases: ["初次领证日期"], required: true)
            case .validUntil: ColumnSpec("valid_until", aliases: ["有效期止"], required: true)
            case .status: ColumnSpec("status", aliases: ["驾驶证状态"])
            case .cancelReason: ColumnSpec("cancel_reason", aliases: ["注销原因"])
            case .lastMedicalOn: ColumnSpec("last_medical_on", aliases: ["最近体检日期"])
            case .lastReviewedOn: ColumnSpec("last_reviewed_on", aliases: ["最近审验日期"])
            case .points: ColumnSpec("points", aliases: ["累积记分"])
            case .pointsCycleEnd: ColumnSpec("points_cycle_end", aliases: ["记分周期止", "清分日期"])
            case .reviewFlag: ColumnSpec("review_flag", aliases: ["审验标记"])
            case .birthDate: ColumnSpec("birth_date", aliases: ["出生日期"])
            }
        }
    }

    public static let schema = Column.schema
    public var schema: DatasetSchema { Self.schema }

    /// SPEC §7: the key is the holder, (type, number).
    public var keyColumns: [Int] { [Column.holderType, .holderNumber].positions }

    public init() {}

    public func validate(_ row: SchemaRow) throws(FieldError) -> DriverLicence {
        let holder = try row.requiredIdentity(type: Column.holderType, number: Column.holderNumber)
        _ = try row.required(Column.region)
        let region = try row.parse(Column.region, RegionCode.init)
        _ = try row.required(Column.classes)
        let classes = try row.parse(Column.classes, LicenceClasses.init(parsing:))
        _ = try row.required(Column.firstIssuedOn)
        let firstIssuedOn = try row.parse(Column.firstIssuedOn, CalendarDate.init(parsing:))
        _ = try row.required(Column.validUntil)
        let validUntil = try row.parse(Column.validUntil, CalendarDate.init(parsing:))
        let status = try row.parse(Column.status, LicenceStatus.init)
        let overdueRenewal = Self.isOverdueRenewal(row.text(Column.cancelReason))
        return DriverLicence(holder: holder, region: region, classes: classes, firstIssuedOn: firstIssuedOn,
                             validUntil: validUntil, status: status,
                             cancelledForOverdueRenewal: status.isCancelled && overdueRenewal,
                             lastMedicalOn: try row.optionalDate(Column.lastMedicalOn),
                             lastReviewedOn: try row.optionalDate(Column.lastReviewedOn),
                             points: try Self.points(row), pointsCycleEnd: try row.optionalDate(Column.pointsCycleEnd),
                             reviewFlag: try row.choice(Column.reviewFlag, Self.reviewFlagValues),
                             birthDateColumn: try row.optionalDate(Column.birthDate))
    }

    /// SPEC §7 `review_flag`: `Y`/`N` (either case, or 是/否); empty is N.
    static let reviewFlagValues: [String: Bool] = ["": false, "n": false, "否": false, "y": true, "是": true]
    /// SPEC §7 `points`: a cycle's points, 0–99.
    static let maxPoints = 99

    /// `points`: nil when empty (not exported: D2 cannot tell), else an integer 0–99.
    static func points(_ row: SchemaRow) throws(FieldError) -> Int? {
        let text = row.text(Column.points)
        if text.isEmpty { return nil }
        guard text.utf8.count <= 2, ASCII.allDigits(text.utf8), let points = Int(text) else {
            throw FieldError(.invalidNumber, "\(row.name(Column.points)) \"\(text)\" 不是 0-\(maxPoints) 的整数记分")
        }
        return points
    }

    /// SPEC §2 `cancel_reason`: `overdue_renewal` or 逾期未换证; any other code is kept as given.
    static func isOverdueRenewal(_ reason: String) -> Bool {
        ExamEnrollmentValidator.overdueRenewalNames.contains(reason.lowercased())
    }

    public func canonicalFields(_ licence: DriverLicence, _ row: SchemaRow) -> [String] {
        let reason = row.text(Column.cancelReason)
        return Column.canonicalRow(passThrough: row.passThrough) { column in
            switch column {
            case .holderType: licence.holder.type
            case .holderNumber: licence.holder.number
            case .holderName: row.text(Column.holderName)
            case .holderPhone: row.text(Column.holderPhone)
            case .region: licence.region.value
            case .classes: licence.classes.description
            case .firstIssuedOn: licence.firstIssuedOn.iso
            case .validUntil: licence.validUntil.iso
            case .status: licence.status.letters
            case .cancelReason: Self.isOverdueRenewal(reason) ? CancelReason.overdueRenewalCode : reason
            case .lastMedicalOn: licence.lastMedicalOn?.iso ?? ""
            case .lastReviewedOn: licence.lastReviewedOn?.iso ?? ""
            case .points: licence.points.map(String.init) ?? ""
            case .pointsCycleEnd: licence.pointsCycleEnd?.iso ?? ""
            case .reviewFlag: licence.reviewFlag ? "Y" : "N"
            case .birthDate: licence.birthDateColumn?.iso ?? ""
            }
        }
    }
}
