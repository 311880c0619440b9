/// Every notice type of SPEC §4, with the rule that raises it, its template keys and its fact
/// (the table's last column: what the notice's identity hashes besides type, recipient and
/// record), for every stage: §1, §2, §3, §7 and §8.
public enum NoticeType: String, CaseIterable, Sendable, Comparable {
    case unitAccountsCleanup = "UNIT_ACCOUNTS_CLEANUP"
    case unitAccountsDisabled = "UNIT_ACCOUNTS_DISABLED"
    case unitNoLegalPerson = "UNIT_NO_LEGAL_PERSON"
    case s2BookingNotNeeded = "S2_BOOKING_NOT_NEEDED"
    case examSubjectsWaived = "EXAM_SUBJECTS_WAIVED"
    case scrapDueSoon = "SCRAP_DUE_SOON"
    case scrapOverdue = "SCRAP_OVERDUE"
    case inspectionDue = "INSPECTION_DUE"
    case inspectionOverdue = "INSPECTION_OVERDUE"
    case exemptStickerDue = "EXEMPT_STICKER_DUE"
    case exemptStickerOverdue = "EXEMPT_STICKER_OVERDUE"
    case ecertAvailable = "ECERT_AVAILABLE"
    case licenceRenewalDue = "LICENCE_RENEWAL_DUE"
    case licenceRenewalOverdue = "LICENCE_RENEWAL_OVERDUE"
    case licenceReviewDue = "LICENCE_REVIEW_DUE"
    case licenceReviewOverdue = "LICENCE_REVIEW_OVERDUE"
    case licenceMedicalDue = "LICENCE_MEDICAL_DUE"
    case licenceMedicalOverdue = "LICENCE_MEDICAL_OVERDUE"
    case restorationExamsReduced = "RESTORATION_EXAMS_REDUCED"
    case restorationSubject1Only = "RESTORATION_SUBJECT1_ONLY"
    case licenceAgeClassChange = "LICENCE_AGE_CLASS_CHANGE"
    case violationsUnprocessed = "VIOLATIONS_UNPROCESSED"
    case fineUnpaid = "FINE_UNPAID"

    /// What a notice of this type reports, and so what tells two notices of the type for the
    /// same recipient and record apart (SPEC §4 "Identity"). Never the run date.
    public enum Fact: String, Sendable {
        /// The unit's removed account ids (R1–R3), in account-id order.
        case removedAccountIDs = "removed account ids"
        /// subject2_booked_on (empty when subject 2 is only marked booked).
        case subject2BookedOn = "subject2_booked_on"
        case waivedSubjects = "waived subjects"
        case scrapDate = "scrap date"
        case inspectionValidUntil = "inspection_valid_until"
        /// The licence's valid_until (D1, D4).
        case licenceValidUntil = "valid_until"
        /// The scoring cycle's end C (D2, D3).
        case cycleEnd = "cycle end"
        /// The holder's 60th or 70th birthday that made classes lapse (D5).
        case lapsingBirthday = "birthday"
        /// The vehicle's unprocessed violation ids (W1).
        case unprocessedViolationIDs = "unprocessed violation ids"
        case violationID = "violation_id"
        /// "—": one notice per type, recipient and record, ever (sent once).
        case none = "—"
    }

    public var fact: Fact {
        switch self {
        case .unitAccountsCleanup, .unitAccountsDisabled: .removedAccountIDs
        case .unitNoLegalPerson, .ecertAvailable: .none
        case .s2BookingNotNeeded: .subject2BookedOn
        case .examSubjectsWaived: .waivedSubjects
        case .scrapDueSoon, .scrapOverdue: .scrapDate
        case .inspectionDue, .inspectionOverdue, .exemptStickerDue, .exemptStickerOverdue: .inspectionValidUntil
        case .licenceRenewalDue, .licenceRenewalOverdue, .restorationExamsReduced, .restorationSubject1Only:
            .licenceValidUntil
        case .licenceReviewDue, .licenceReviewOverdue, .licenceMedicalDue, .licenceMedicalOverdue: .cycleEnd
        case .licenceAgeClassChange: .lapsingBirthday
        case .violationsUnprocessed: .unprocessedViolationIDs
        case .fineUnpaid: .violationID
        }
    }

    /// The rules whose outcome the notice reports.
    public var rules: [RuleID] {
        switch self {
        case .unitAccountsCleanup, .unitAccountsDisabled: [.R1, .R2, .R3]
        case .unitNoLegalPerson: [.C3]
        case .s2BookingNotNeeded: [.T1]
        case .examSubjectsWaived: [.T1, .T2]
        case .scrapDueSoon, .scrapOverdue: [.V2]
        case .inspectionDue, .inspectionOverdue, .exemptStickerDue, .exemptStickerOverdue: [.V4]
        case .ecertAvailable: [.V5]
        case .licenceRenewalDue, .licenceRenewalOverdue: [.D1]
        case .licenceReviewDue, .licenceReviewOverdue: [.D2]
        case .licenceMedicalDue, .licenceMedicalOverdue: [.D3]
        case .restorationExamsReduced, .restorationSubject1Only: [.D4]
        case .licenceAgeClassChange: [.D5]
        case .violationsUnprocessed: [.W1]
        case .fineUnpaid: [.W2]
        }
    }

    /// The `[templates]` key of the message; `variantTemplateKeys` are the same notice's other
    /// wordings, where one text would name one date twice or say what is not true on the day.
    public var templateKey: String { rawValue }

    public var variantTemplateKeys: [String] { wording.variants.map(\.key) }

    public var allTemplateKeys: [String] { [templateKey] + variantTemplateKeys }

    /// The default texts and placeholders, from the rule file that raises the notice.
    public var wording: NoticeWording {
        switch self {
        case .unitAccountsCleanup: .unitAccountsCleanup
        case .unitAccountsDisabled: .unitAccountsDisabled
        case .unitNoLegalPerson: .unitNoLegalPerson
        case .s2BookingNotNeeded: .s2BookingNotNeeded
        case .examSubjectsWaived: .examSubjectsWaived
        case .scrapDueSoon: .scrapDueSoon
        case .scrapOverdue: .scrapOverdue
        case .inspectionDue: .inspectionDue
        case .inspectionOverdue: .inspectionOverdue
        case .exemptStickerDue: .exemptStickerDue
        case .exemptStickerOverdue: .exemptStickerOverdue
        case .ecertAvailable: .ecertAvailable
        case .licenceRenewalDue: .licenceRenewalDue
        case .licenceRenewalOverdue: .licenceRenewalOverdue
        case .licenceReviewDue: .licenceReviewDue
        case .licenceReviewOverdue: .licenceReviewOverdue
        case .licenceMedicalDue: .licenceMedicalDue
        case .licenceMedicalOverdue: .licenceMedicalOverdue
        case .restorationExamsReduced: .restorationExamsReduced
        case .restorationSubject1Only: .restorationSubject1Only
        case .licenceAgeClassChange: .licenceAgeClassChange
        case .violationsUnprocessed: .violationsUnprocessed
        case .fineUnpaid: .fineUnpaid
        }
    }

    /// The Chinese name the report shows.
    public var label: String {
        switch self {
        case .unitAccountsCleanup: "单位账号清理告知"
        case .unitAccountsDisabled: "单位账号已停用告知"
        case .unitNoLegalPerson: "单位无法人账号"
        case .s2BookingNotNeeded: "已预约科目二无需参加"
        case .examSubjectsWaived: "考试科目减免"
        case .scrapDueSoon: "临近强制报废"
        case .scrapOverdue: "已超强制报废期"
        case .inspectionDue: "检验即将到期"
        case .inspectionOverdue: "检验已逾期"
        case .exemptStickerDue: "可申领免检标志"
        case .exemptStickerOverdue: "免检标志逾期未申领"
        case .ecertAvailable: "可申领电子行驶证"
        case .licenceRenewalDue: "驾驶证即将到期换证"
        case .licenceRenewalOverdue: "驾驶证已过期未换证"
        case .licenceReviewDue: "驾驶证待审验"
        case .licenceReviewOverdue: "驾驶证审验逾期"
        case .licenceMedicalDue: "待提交身体条件证明"
        case .licenceMedicalOverdue: "身体条件证明逾期"
        case .restorationExamsReduced: "恢复驾驶资格考试科目减少"
        case .restorationSubject1Only: "考科目一即可恢复驾驶资格"
        case .licenceAgeClassChange: "年龄不符准驾车型须换证"
        case .violationsUnprocessed: "交通违法未处理"
        case .fineUnpaid: "罚款未缴纳"
        }
    }

    /// The vehicle notice types (V2, V4, V5), in summary order.
    public static let vehicleTypes: [NoticeType] = [
        .scrapDueSoon, .scrapOverdue, .inspectionDue, .inspectionOverdue, .exemptStickerDue, .exemptStickerOverdue,
        .ecertAvailable,
    ]

    /// The driver-licence notice types (D1–D5), in summary order.
    public static let licenceTypes: [NoticeType] = [
        .licenceRenewalDue, .licenceRenewalOverdue, .licenceReviewDue, .licenceReviewOverdue, .licenceMedicalDue,
        .licenceMedicalOverdue, .restorationExamsReduced, .restorationSubject1Only, .licenceAgeClassChange,
    ]

    /// The violation notice types (W1, W2), in summary order.
    public static let violationTypes: [NoticeType] = [.violationsUnprocessed, .fineUnpaid]

    /// SPEC §4's order of notice types in `notifications.csv` is by their name.
    public static func < (a: NoticeType, b: NoticeType) -> Bool { a.rawValue < b.rawValue }
}
