import Testing
@testable import JGPipe

/// D4 with A = 2024-06-01, cutover 2024-07-01, the SPEC §2 default class sets.
@Suite("D4 prospective restoration applicants")
struct D4Tests {
    static let a = day("2024-06-01")

    func decide(_ classes: LicenceClasses, validUntil: String, cancelled: Bool = true,
                asOf: CalendarDate = a) -> LicenceNoticeDecision? {
        applyD4(cancelledForOverdueRenewal: cancelled, classes: classes, sets: ExamClassSets(),
                               validUntil: day(validUntil), asOf: asOf, cutover: cutover)
    }

    @Test("three years after expiry, ± 1 day")
    func threeYears() {
        // 2021-06-02 + 3 years = 2024-06-02 > A: subject 1 alone until then.
        #expect(decide([.c1], validUntil: "2021-06-02") == .init(type: .restorationSubject1Only, dueOn: day("2024-06-02")))
        // 2021-06-01 + 3 years = A: not yet more than three years.
        #expect(decide([.c1], validUntil: "2021-06-01") == .init(type: .restorationSubject1Only, dueOn: day("2024-06-01")))
        // 2021-05-31 + 3 years = 2024-05-31 < A: the reduced exams, due on the cutover.
        #expect(decide([.c1], validUntil: "2021-05-31") == .init(type: .restorationExamsReduced, dueOn: cutover))
    }

    @Test("classes: S, L and C6 are told; motorcycle-only is not")
    func classes() {
        let reduced = LicenceNoticeDecision(type: .restorationExamsReduced, dueOn: cutover)
        #expect(decide([.b2], validUntil: "2018-01-01") == reduced)
        #expect(decide([.c6], validUntil: "2018-01-01") == reduced)
        #expect(decide([.c2, .d], validUntil: "2018-01-01") == reduced)
        #expect(decide([.d], validUntil: "2018-01-01") == nil)
        #expect(decide([.e, .f], validUntil: "2018-01-01") == nil)
        #expect(decide([.c3], validUntil: "2018-01-01") == nil)
    }

    @Test("only licences cancelled for overdue renewal")
    func cancelledOnly() {
        #expect(decide([.c1], validUntil: "2018-01-01", cancelled: false) == nil)
    }

    @Test("29 February expiry: three years later is 28 February")
    func leapDay() {
        #expect(decide([.c1], validUntil: "2020-02-29", asOf: day("2023-02-28"))
            == .init(type: .restorationSubject1Only, dueOn: day("2023-02-28")))
        #expect(decide([.c1], validUntil: "2020-02-29", asOf: day("2023-03-01"))
            == .init(type: .restorationExamsReduced, dueOn: cutover))
    }
}
