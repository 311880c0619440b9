/// E3 (五、一 情形3): a licence including C6 (轻型牵引挂车) was cancelled and the applicant asks for
/// 小型汽车 or 小型自动挡汽车 alone: C6 ∈ O and R is one small-car class ({C1} or {C2}).
func applyE3(original: LicenceClasses, requested: LicenceClasses, sets: ExamClassSets) -> Bool {
    original.contains(.c6) && isOneSmallCarClass(requested, sets)
}

/// R is exactly one class of S.
func isOneSmallCarClass(_ classes: LicenceClasses, _ sets: ExamClassSets) -> Bool {
    classes.isSubset(of: sets.smallCar) && classes.codes.count == 1
}

extension RuleWording {
    static let E3 = RuleWording(label: "含C6驾驶证恢复小型汽车", section: "五.一")
}
