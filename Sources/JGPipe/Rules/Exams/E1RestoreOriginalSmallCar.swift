/// E1 (五、一 情形1): a small-car licence (小型汽车驾驶证) was cancelled and the applicant asks
/// for the original small-car class back: O ∩ S ≠ ∅ and R is a non-empty subset of O ∩ S.
/// Asking for a small-car class not held (C2 → C1 is an upgrade) does not match.
func applyE1(original: LicenceClasses, requested: LicenceClasses, sets: ExamClassSets) -> Bool {
    let heldSmallCar = original.intersection(sets.smallCar)
    return !heldSmallCar.isEmpty && !requested.isEmpty && requested.isSubset(of: heldSmallCar)
}

extension RuleWording {
    static let E1 = RuleWording(label: "小型汽车驾驶证恢复原准驾车型", section: "五.一")
}
