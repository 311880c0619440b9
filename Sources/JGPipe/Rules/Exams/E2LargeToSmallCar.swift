/// E2 (五、一 情形2): a large or medium bus/truck licence (大中型客货车驾驶证) was cancelled and the
/// applicant asks for the small-car class only: O ∩ L ≠ ∅ and R = {C1}. The notice names
/// 小型汽车 (C1) alone, so C2 is not offered here.
func applyE2(original: LicenceClasses, requested: LicenceClasses, sets: ExamClassSets) -> Bool {
    !original.intersection(sets.large).isEmpty && requested == .c1
}

extension RuleWording {
    static let E2 = RuleWording(label: "大中型客货车驾驶证恢复小型汽车", section: "五.一")
}
