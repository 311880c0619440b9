/// E4 (五、一 情形4): a licence including C6 was cancelled and the applicant asks for C1 + C6 or
/// C2 + C6: C6 ∈ O and R = {one small-car class, C6}. C6 comes back by itself once subject 1
/// and subject 3 road are passed (参加完科一和科三道路驾驶技能考试后自动恢复C6).
func applyE4(original: LicenceClasses, requested: LicenceClasses, sets: ExamClassSets) -> Bool {
    original.contains(.c6) && requested.contains(.c6) && isOneSmallCarClass(requested.subtracting(.c6), sets)
}

/// The classes E4 restores automatically (`auto_restore_classes`).
public let e4AutoRestoreClasses: LicenceClasses = .c6

extension RuleWording {
    static let E4 = RuleWording(label: "含C6驾驶证恢复C1/C2+C6", section: "五.一")
}
