/// SPEC §2 subject status (科目状态); empty means `not_taken`.
public enum SubjectStatus: String, Sendable, CaseIterable {
    case notTaken = "not_taken"
    case booked
    case passed
    case failed
}

/// The four exam subjects in SPEC §2 output order (S1;S2;S3_ROAD;S3_SAFETY).
public struct ExamSubjects: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// 科目一
    public static let s1 = ExamSubjects(rawValue: 1 << 0)
    /// 科目二
    public static let s2 = ExamSubjects(rawValue: 1 << 1)
    /// 科目三道路驾驶技能
    public static let s3Road = ExamSubjects(rawValue: 1 << 2)
    /// 科目三安全文明常识
    public static let s3Safety = ExamSubjects(rawValue: 1 << 3)

    public static let all: ExamSubjects = [.s1, .s2, .s3Road, .s3Safety]

    static let ordered: [(subject: ExamSubjects, code: String, chinese: String)] = [
        (.s1, "S1", "科目一"), (.s2, "S2", "科目二"),
        (.s3Road, "S3_ROAD", "科目三道路驾驶技能"), (.s3Safety, "S3_SAFETY", "科目三安全文明常识"),
    ]

    /// SPEC §2: `;`-joined in the order S1;S2;S3_ROAD;S3_SAFETY; empty set → "".
    public var list: String {
        ExamSubjects.ordered.filter { contains($0.subject) }.map(\.code).joined(separator: ";")
    }

    /// The Chinese names for notice messages, joined by 、.
    public var chineseNames: String {
        ExamSubjects.ordered.filter { contains($0.subject) }.map(\.chinese).joined(separator: "、")
    }
}

/// The status of each subject of one enrollment.
public struct SubjectStatuses: Sendable, Equatable {
    public var s1: SubjectStatus
    public var s2: SubjectStatus
    public var s3Road: SubjectStatus
    public var s3Safety: SubjectStatus

    public init(s1: SubjectStatus = .notTaken, s2: SubjectStatus = .notTaken, s3Road: SubjectStatus = .notTaken,
                s3Safety: SubjectStatus = .notTaken) {
        self.s1 = s1
        self.s2 = s2
        self.s3Road = s3Road
        self.s3Safety = s3Safety
    }

    /// The subjects whose status is `passed`.
    public var passed: ExamSubjects {
        var result: ExamSubjects = []
        if s1 == .passed { result.insert(.s1) }
        if s2 == .passed { result.insert(.s2) }
        if s3Road == .passed { result.insert(.s3Road) }
        if s3Safety == .passed { result.insert(.s3Safety) }
        return result
    }
}

/// SPEC §2 `cancel_reason` (注销原因): overdue renewal carries the licence's expiry date, which
/// the scope needs; any other reason is kept as given.
public enum CancelReason: Sendable, Equatable {
    case overdueRenewal(expiry: CalendarDate)
    case other(String)

    public static let overdueRenewalCode = "overdue_renewal"
}

/// An enrollment in a driving-licence restoration exam (驾驶证注销恢复考试报名) from
/// `exam_enrollments.csv` (SPEC §2).
public struct ExamEnrollment: Sendable, Equatable {
    public let enrollmentID: String
    public let applicant: IdentityNumber
    public let region: RegionCode
    public let original: LicenceClasses
    public let requested: LicenceClasses
    public let cancelReason: CancelReason
    /// `license_expiry_date`; also kept when the reason is not overdue renewal.
    public let licenceExpiry: CalendarDate?
    public let enrolledOn: CalendarDate
    public let subjects: SubjectStatuses
    public let subject2BookedOn: CalendarDate?
    /// An official exclusion applies (licence obtained again, revocation restriction, …).
    public let hasExclusion: Bool
}

public struct ExamEnrollmentValidator: RecordValidator {
    public typealias Record = ExamEnrollment

    /// SPEC §2 `exam_enrollments.csv`, in table order.
    enum Column: Int, DatasetColumn {
        case enrollmentID, applicantType, applicantNumber, applicantName, applicantPhone, region, original, requested,
             cancelReason, licenceExpiry, enrolledOn, subject1, subject2, subject3Road, subject3Safety, subject2BookedOn,
             exclusion

        static let dataset = "exam_enrollments"

        var spec: ColumnSpec {
            switch self {
            case .enrollmentID: ColumnSpec("enrollment_id", aliases: ["报名编号", "流水号"], required: true)
            case .applicantType: ColumnSpec("applicant_id_type", aliases: ["证件类型"])
            case .applicantNumber: ColumnSpec("applicant_id_no", aliases: ["身份证明号码"], required: true)
            case .applicantName: ColumnSpec("applicant_name", aliases: ["姓名"])
            case .applicantPhone: ColumnSpec("applicant_phone", aliases: ["手机号码"])
            case .region: ColumnSpec("region_code", aliases: ["考试地区划", "管辖区划"], required: true)
            case .original: ColumnSpec("original_classes", aliases: ["原准驾车型"], required: true)
            case .requested: ColumnSpec("requested_classes", aliases: ["申请准驾车型"], required: true)
            case .cancelReason: ColumnSpec("cancel_reason", aliases: ["注销原因"], required: true)
            case .licenceExpiry: ColumnSpec("license_expiry_date", aliases: ["有效期止"])
            case .enrolledOn: ColumnSpec("enrolled_on", aliases: ["报名日期"], required: true)
            case .subject1: ColumnSpec("subject1", aliases: ["科目一"])
            case .subject2: ColumnSpec("subject2", aliases: ["科目二"])
            case .subject3Road: ColumnSpec("subject3_road", aliases: ["科目三道路驾驶技能"])
            case .subject3Safety: ColumnSpec("subject3_safety", aliases: ["科目三安全文明常识"])
            case .subject2BookedOn: ColumnSpec("subject2_booked_on", aliases: ["科目二预约日期"])
            case .exclusion: ColumnSpec("exclusion", aliases: ["排除情形"])
            }
        }
    }

    public static let schema = Column.schema
    public var schema: DatasetSchema { Self.schema }

    static let statuses: [String: SubjectStatus] = [
        "": .notTaken, "not_taken": .notTaken, "未考": .notTaken,
        "booked": .booked, "已预约": .booked,
        "passed": .passed, "合格": .passed,
        "failed": .failed, "不合格": .failed,
    ]
    static let overdueRenewalNames: Set<String> = [CancelReason.overdueRenewalCode, "逾期未换证"]

    public init() {}

    public func validate(_ row: SchemaRow) throws(FieldError) -> ExamEnrollment {
        let enrollmentID = try row.required(Column.enrollmentID)
        let applicant = try row.requiredIdentity(type: Column.applicantType, number: Column.applicantNumber)
        _ = try row.required(Column.region)
        let region = try row.parse(Column.region, RegionCode.init)
        _ = try row.required(Column.original)
        let original = try row.parse(Column.original, LicenceClasses.init(parsing:))
        _ = try row.required(Column.requested)
        let requested = try row.parse(Column.requested, LicenceClasses.init(parsing:))
        let reasonText = try row.required(Column.cancelReason)
        let isOverdueRenewal = Self.overdueRenewalNames.contains(reasonText.lowercased())
        let expiry = try row.optionalDate(Column.licenceExpiry)
        let reason: CancelReason
        if isOverdueRenewal {
            guard let expiry else {
                throw FieldError(.missingField,
                                 "\(row.name(Column.licenceExpiry)) 为空：注销原因为逾期未换证（overdue_renewal）时必填")
            }
            reason = .overdueRenewal(expiry: expiry)
        } else {
            reason = .other(reasonText)
        }
        _ = try row.required(Column.enrolledOn)
        let enrolledOn = try row.parse(Column.enrolledOn, CalendarDate.init(parsing:))
        let subjects = SubjectStatuses(s1: try row.choice(Column.subject1, Self.statuses),
                                       s2: try row.choice(Column.subject2, Self.statuses),
                                       s3Road: try row.choice(Column.subject3Road, Self.statuses),
                                       s3Safety: try row.choice(Column.subject3Safety, Self.statuses))
        let bookedOn = try row.optionalDate(Column.subject2BookedOn)
        return ExamEnrollment(enrollmentID: enrollmentID, applicant: applicant, region: region, original: original,
                              requested: requested, cancelReason: reason, licenceExpiry: expiry,
                              enrolledOn: enrolledOn, subjects: subjects, subject2BookedOn: bookedOn,
                              hasExclusion: !row.text(Column.exclusion).isEmpty)
    }

    public func canonicalFields(_ enrollment: ExamEnrollment, _ row: SchemaRow) -> [String] {
        let reason: String = switch enrollment.cancelReason {
        case .overdueRenewal: CancelReason.overdueRenewalCode
        case .other(let code): code
        }
        let s = enrollment.subjects
        return Column.canonicalRow(passThrough: row.passThrough) { column in
            switch column {
            case .enrollmentID: enrollment.enrollmentID
            case .applicantType: enrollment.applicant.type
            case .applicantNumber: enrollment.applicant.number
            case .applicantName: row.text(Column.applicantName)
            case .applicantPhone: row.text(Column.applicantPhone)
            case .region: enrollment.region.value
            case .original: enrollment.original.description
            case .requested: enrollment.requested.description
            case .cancelReason: reason
            case .licenceExpiry: enrollment.licenceExpiry?.iso ?? ""
            case .enrolledOn: enrollment.enrolledOn.iso
            case .subject1: s.s1.rawValue
            case .subject2: s.s2.rawValue
            case .subject3Road: s.s3Road.rawValue
            case .subject3Safety: s.s3Safety.rawValue
            case .subject2BookedOn: enrollment.subject2BookedOn?.iso ?? ""
            case .exclusion: row.text(Column.exclusion)
            }
        }
    }

}
