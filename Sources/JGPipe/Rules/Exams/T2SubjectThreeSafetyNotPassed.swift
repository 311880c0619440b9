/// T2 (五、二): an OPTIMIZED enrollment made before the cutover that has passed subject 2 but not
/// subject 3 safety (未参加科目三安全文明常识考试或者科目三安全文明常识考试未通过) no longer needs
/// subject 3 safety.
func applyT2(_ subjects: SubjectStatuses) -> Bool {
    subjects.s2 == .passed && subjects.s3Safety != .passed
}

public let t2NoLongerNeeded: ExamSubjects = .s3Safety

extension RuleWording {
    static let T2 = RuleWording(label: "过渡：不再考科目三安全文明常识", section: "五.二")
}
