import Testing
@testable import JGPipe

/// P3: the services a detachment's notices need that none of its open, complete points offers.
@Suite("P3 service point coverage")
struct P3Tests {
    static let order = ServicePointSettings.defaults.services

    @Test("missing services in the settings' order; none when all are offered")
    func gaps() {
        #expect(coverageGaps(needed: ["审验", "换证", "体检"], offered: ["换证"], order: Self.order) == ["审验", "体检"])
        #expect(coverageGaps(needed: ["审验", "体检"], offered: ["审验", "体检", "换证"], order: Self.order).isEmpty)
        #expect(coverageGaps(needed: [], offered: [], order: Self.order).isEmpty)
    }

    @Test("each notice type's service (the table under P6)")
    func services() {
        #expect(NoticeType.inspectionOverdue.service == "机动车检验" && NoticeType.exemptStickerDue.service == "检验标志")
        #expect(NoticeType.scrapOverdue.service == "报废" && NoticeType.licenceAgeClassChange.service == "换证")
        #expect(NoticeType.licenceReviewDue.service == "审验" && NoticeType.licenceMedicalOverdue.service == "体检")
        #expect(NoticeType.examSubjectsWaived.service == "驾驶人考试" && NoticeType.restorationSubject1Only.service == "驾驶人考试")
        #expect(NoticeType.violationsUnprocessed.service == "违法处理" && NoticeType.fineUnpaid.service == "罚款缴纳")
        #expect(NoticeType.ecertAvailable.service == nil && NoticeType.unitNoLegalPerson.service == nil)
        // Every service named is one of the default codes.
        #expect(NoticeType.allCases.compactMap(\.service).allSatisfy(Self.order.contains))
    }
}
