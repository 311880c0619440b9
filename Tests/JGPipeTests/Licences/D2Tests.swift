import Testing
@testable import JGPipe

/// D2 with A = 2024-06-01 and C = 2024-05-10 unless said: due on C + 30 days = 2024-06-09; due
/// while A ≤ that day, overdue after (第七十二条).
@Suite("D2 licence review")
struct D2Tests {
    static let a = day("2024-06-01")
    static let c = day("2024-05-10")
    static let large: LicenceClasses = [.a1, .a2, .a3, .b1, .b2]

    struct Case: Sendable, CustomTestStringConvertible {
        var classes: LicenceClasses
        var c: String = "2024-05-10"
        var points: Int?
        var pointsCycleEnd: String? = "2024-05-10"
        var flag = false
        var lastReviewed: String?
        var expected: LicenceReview?
        var note: String
        var testDescription: String { note }
    }

    static func due(_ on: String, _ reason: LicenceNoticeReason) -> LicenceReview {
        .notice(.init(type: .licenceReviewDue, dueOn: day(on), reason: reason))
    }

    static let cases: [Case] = [
        Case(classes: [.a2], points: 0, expected: nil, note: "A2, no points in the cycle ending on C: exempt (第三款)"),
        Case(classes: [.a2], points: 3, expected: due("2024-06-09", .points(3)), note: "A2, 3 points in the cycle"),
        Case(classes: [.a2], points: nil, expected: .unknown, note: "A2, points not exported"),
        Case(classes: [.a2], points: nil, pointsCycleEnd: nil, expected: .unknown, note: "A2, neither column"),
        Case(classes: [.a2], points: 5, pointsCycleEnd: "2023-05-10", expected: .unknown,
             note: "A2, the export's points are of the cycle before C"),
        Case(classes: [.c1], flag: true, expected: due("2024-06-09", .accident), note: "C1 with review_flag Y (第四款)"),
        Case(classes: [.c1], points: 6, expected: nil, note: "C1 with points: not a review class"),
        Case(classes: [.a2], points: 0, flag: true, expected: due("2024-06-09", .accident),
             note: "A2 without points but flagged"),
        Case(classes: [.a2], points: nil, flag: true, expected: due("2024-06-09", .accident),
             note: "A2 unknown points but flagged: sent, not unknown"),
        Case(classes: [.b2], points: 3, lastReviewed: "2024-05-10", expected: nil, note: "reviewed on C"),
        Case(classes: [.b2], points: nil, lastReviewed: "2024-05-20", expected: nil,
             note: "reviewed after C: nothing, not unknown"),
        Case(classes: [.a1, .c1], points: 2, lastReviewed: "2024-05-09", expected: due("2024-06-09", .points(2)),
             note: "reviewed the day before C"),
        Case(classes: [.b1], c: "2024-05-02", points: 1, pointsCycleEnd: "2024-05-02",
             expected: due("2024-06-01", .points(1)), note: "due on A itself"),
        Case(classes: [.b1], c: "2024-05-01", points: 1, pointsCycleEnd: "2024-05-01",
             expected: .notice(.init(type: .licenceReviewOverdue, dueOn: day("2024-05-31"), reason: .points(1))),
             note: "due the day before A: overdue"),
        Case(classes: [.a3], c: "2024-06-20", points: 12, pointsCycleEnd: "2024-06-20",
             expected: due("2024-07-20", .points(12)), note: "a cycle ending within 30 days after A"),
    ]

    @Test("review table", arguments: cases)
    func review(_ c: Case) {
        #expect(applyD2(classes: c.classes, reviewClasses: Self.large, cycleEnd: day(c.c), points: c.points,
                        pointsCycleEnd: c.pointsCycleEnd.map(day), reviewFlag: c.flag,
                        lastReviewedOn: c.lastReviewed.map(day), asOf: Self.a) == c.expected)
    }

    @Test("the reason as the message says it")
    func reasonText() {
        #expect(LicenceNoticeReason.points(3).text(cycleEnd: Self.c) == "在截至2024-05-10的记分周期内记分3分")
        #expect(LicenceNoticeReason.accident.text(cycleEnd: Self.c) == "在截至2024-05-10的记分周期内发生交通事故，经认定须接受审验")
    }
}
