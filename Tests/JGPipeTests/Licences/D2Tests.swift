import Testing
@testable import JGPipe

/// D2 with A = 2024-06-01: due on C + 30 days; due while A ≤ that day, overdue after.
@Suite("D2 licence review")
struct D2Tests {
    static let a = day("2024-06-01")
    static let large: LicenceClasses = [.a1, .a2, .a3, .b1, .b2]

    static let cases: [(classes: LicenceClasses, c: String?, lastReviewed: String?, expected: LicenceNoticeDecision?)] = [
        ([.b2], "2024-05-10", nil, .init(type: .licenceReviewDue, dueOn: day("2024-06-09"))),          // 10 May + 30
        ([.a1, .c1], "2024-05-10", "2024-05-09", .init(type: .licenceReviewDue, dueOn: day("2024-06-09"))), // reviewed before C
        ([.b2], "2024-05-10", "2024-05-10", nil),                                                // reviewed on C
        ([.a2], "2024-05-10", "2024-05-20", nil),                                                // an A/B holder reviewed after C
        ([.b1], "2024-05-02", nil, .init(type: .licenceReviewDue, dueOn: day("2024-06-01"))),           // due on A itself
        ([.b1], "2024-05-01", nil, .init(type: .licenceReviewOverdue, dueOn: day("2024-05-31"))),       // due A − 1
        ([.a3], "2024-06-20", nil, .init(type: .licenceReviewDue, dueOn: day("2024-07-20"))),           // cycle ends within 30 days
        ([.c1, .c6], "2024-05-10", nil, nil),                                                    // not a review class
        ([.b2], nil, nil, nil),                                                                  // first year: no C
    ]

    @Test("review table", arguments: cases)
    func review(_ c: (classes: LicenceClasses, c: String?, lastReviewed: String?, expected: LicenceNoticeDecision?)) {
        #expect(applyD2(classes: c.classes, reviewClasses: Self.large, cycleEnd: c.c.map(day),
                                lastReviewedOn: c.lastReviewed.map(day), asOf: Self.a) == c.expected)
    }
}
