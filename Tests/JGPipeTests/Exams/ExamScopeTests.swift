import Testing
@testable import JGPipe

/// SPEC §2 "Scope" (五、一 逾期三年未换证): expectations worked out by hand; the third anniversary
/// itself is still SHORT_OVERDUE (enrolled_on ≤ expiry + 3 years).
@Suite struct ExamScopeTests {
    @Test(arguments: [
        // expiry, enrolled_on, expected
        ("2020-05-10", "2023-05-09", ExamScope.shortOverdue),   // day before the anniversary
        ("2020-05-10", "2023-05-10", .shortOverdue),            // the anniversary itself
        ("2020-05-10", "2023-05-11", .longOverdue),             // day after
        ("2020-05-10", "2024-06-01", .longOverdue),
        ("2021-08-01", "2024-06-01", .shortOverdue),            // not yet three years
        ("2020-02-29", "2023-02-27", .shortOverdue),            // 29 Feb: anniversary is 28 Feb 2023
        ("2020-02-29", "2023-02-28", .shortOverdue),
        ("2020-02-29", "2023-03-01", .longOverdue),
        ("2016-02-29", "2019-03-01", .longOverdue),
        ("2021-02-28", "2024-02-28", .shortOverdue),
        ("2021-02-28", "2024-02-29", .longOverdue),             // leap day after a 28 Feb anniversary
        ("2022-01-01", "2021-12-01", .shortOverdue),            // enrolled before expiry: within 3 years
    ])
    func overdueRenewal(expiry: String, enrolledOn: String, expected: ExamScope) {
        #expect(examScope(.overdueRenewal(expiry: day(expiry)), enrolledOn: day(enrolledOn)) == expected)
    }

    @Test(arguments: ["revoked", "吊销", "DEATH", "overdue"])
    func otherReasonIsOutOfScope(reason: String) {
        #expect(examScope(.other(reason), enrolledOn: day("2024-06-01")) == .outOfScope)
    }
}
