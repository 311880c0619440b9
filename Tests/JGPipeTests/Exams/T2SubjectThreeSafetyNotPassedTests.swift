import Testing
@testable import JGPipe

/// T2 (五、二): 7月1日前报名…已通过科目二考试、未参加科目三安全文明常识考试或者科目三安全文明常识考试未通过的，
/// 不再需要参加科目三安全文明常识考试.
@Suite struct T2SubjectThreeSafetyNotPassedTests {
    @Test(arguments: [
        ("2024-05-10", "pp--", TransitionRule?.some(.t2)),   // safety not taken
        ("2024-05-10", "ppbb", .t2),                          // safety booked
        ("2024-05-10", "pppf", .t2),                          // safety failed
        ("2024-06-30", "-p--", .t2),
        ("2024-05-10", "pppp", nil),                          // everything passed: nothing to waive
        ("2024-05-10", "-p-p", nil),
        ("2024-07-01", "pp-f", nil),                          // enrolled on the cutover
    ])
    func table(enrolledOn: String, subjects: String, expected: TransitionRule?) throws {
        let t = examTransition(path: .optimized, enrolledOn: day(enrolledOn), cutover: cutover, subjects: try statuses(subjects))
        #expect(t?.rule == expected)
        if expected == .t2 { #expect(t?.noLongerNeeded.list == "S3_SAFETY") }
    }

    @Test func fullPathIsNotChanged() throws {
        #expect(examTransition(path: .full, enrolledOn: day("2024-05-10"), cutover: cutover, subjects: try statuses("pp--")) == nil)
    }
}
