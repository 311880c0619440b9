extension NoticeType {
    /// SPEC §9 P6 (七.二 线下网点精准导航): the service a notice sends its recipient to, which P3's
    /// coverage and P6's guidance look up; nil for notices handled online or at the unit's own
    /// window (ECERT_AVAILABLE, the unit notices of §1).
    public var service: String? {
        switch self {
        case .inspectionDue, .inspectionOverdue: "机动车检验"
        case .exemptStickerDue, .exemptStickerOverdue: "检验标志"
        case .scrapDueSoon, .scrapOverdue: "报废"
        case .licenceRenewalDue, .licenceRenewalOverdue, .licenceAgeClassChange: "换证"
        case .licenceReviewDue, .licenceReviewOverdue: "审验"
        case .licenceMedicalDue, .licenceMedicalOverdue: "体检"
        case .restorationExamsReduced, .restorationSubject1Only, .s2BookingNotNeeded, .examSubjectsWaived: "驾驶人考试"
        case .violationsUnprocessed: "违法处理"
        case .fineUnpaid: "罚款缴纳"
        case .ecertAvailable, .unitAccountsCleanup, .unitAccountsDisabled, .unitNoLegalPerson: nil
        }
    }
}
