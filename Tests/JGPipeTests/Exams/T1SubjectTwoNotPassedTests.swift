import Testing
@testable import JGPipe

/// T1 (五、二): 7月1日前已报名…还未参加科目二考试或者科目二考试未通过的，不再需要参加科目二考试和科目三安全文明常识考试.
@Suite struct T1SubjectTwoNotPassedTests {
    @Test(arguments: [
        // enrolled_on, statuses (S1 S2 S3_ROAD S3_SAFETY), expected rule
        ("2024-05-10", "----", TransitionRule?.some(.t1)),   // subject 2 not taken
        ("2024-05-10", "pb--", .t1),                          // booked
        ("2024-05-10", "pf--", .t1),                          // failed
        ("2024-05-10", "pf-p", .t1),                          // failed, safety already passed
        ("2024-06-30", "p---", .t1),                          // the last day before the cutover
        ("2024-07-01", "p---", nil),                          // the cutover day: already the new rule
        ("2024-07-02", "pb--", nil),
    ])
    func table(enrolledOn: String, subjects: String, expected: TransitionRule?) throws {
        let t = examTransition(path: .optimized, enrolledOn: day(enrolledOn), cutover: cutover, subjects: try statuses(subjects))
        #expect(t?.rule == expected)
        if expected == .t1 { #expect(t?.noLongerNeeded.list == "S2;S3_SAFETY") }
    }

    @Test(arguments: [ExamPath.full, .subject1Only, .unchanged])
    func onlyOptimizedEnrollments(path: ExamPath) throws {
        #expect(examTransition(path: path, enrolledOn: day("2024-05-10"), cutover: cutover, subjects: try statuses("pb--")) == nil)
    }

    @Test(arguments: ["----", "-b--", "-f--"])
    func predicate(subjects: String) throws {
        #expect(matchesT1(try statuses(subjects)))
        #expect(!matchesT2(try statuses(subjects)))
    }
}
