/// T1 (五、二): an OPTIMIZED enrollment made before the cutover whose subject 2 is not taken,
/// booked or failed (还未参加科目二考试或者科目二考试未通过) no longer needs subject 2 nor subject 3
/// safety (不再需要参加科目二考试和科目三安全文明常识考试).
func applyT1(_ subjects: SubjectStatuses) -> Bool {
    subjects.s2 != .passed
}

public let t1NoLongerNeeded: ExamSubjects = [.s2, .s3Safety]

extension RuleWording {
    static let T1 = RuleWording(label: "过渡：不再考科目二和科目三安全文明常识", section: "五.二")
}
