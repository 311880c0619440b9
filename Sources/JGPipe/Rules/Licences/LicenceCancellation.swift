/// Why a licence is on `driver_licences.cancellation_worklist.csv` (《机动车驾驶证申领和使用规定》
/// 第七十九条第一款), in the order the list takes the first that applies.
public enum CancellationReason: String, CaseIterable, Sendable {
    /// 第八项: more than one year past valid_until without renewal (D1).
    case overdueRenewal = "overdue_renewal"
    /// 第九项: 70 or more (or a C5 licence) and no certificate within a year after a D3 cycle.
    case noMedicalCertificate = "no_medical_certificate"
    /// 第十项: at 60 only M N P, at 70 only C3 C4 (with or without M N P) left (D5).
    case ageOnlyClasses = "age_only_classes"

    public var article: String {
        switch self {
        case .overdueRenewal: "第七十九条第一款第八项"
        case .noMedicalCertificate: "第七十九条第一款第九项"
        case .ageOnlyClasses: "第七十九条第一款第十项"
        }
    }
}

/// A row of the cancellation work list: why, and the first day the licence may be cancelled.
public struct LicenceCancellation: Equatable, Sendable {
    public var reason: CancellationReason
    public var dueOn: CalendarDate
}

/// 第七十九条第一款第九项: the earliest cycle end C′ after which a certificate was owed (the holder
/// at least `medicalAge` on C′, or a C5 licence at a multiple of `c5Cycles` cycles) that passed more
/// than one year before A with last_medical_on empty or before C′. The licence may be cancelled from
/// C′ + 1 year + 1 day. nil when there is none.
func noMedicalCertificateSince(firstIssuedOn: CalendarDate, classes: LicenceClasses, birthDate: CalendarDate?,
                               lastMedicalOn: CalendarDate?, medicalAge: Int, c5Cycles: Int,
                               asOf: CalendarDate) -> CalendarDate? {
    let hasC5 = classes.contains(.c5)
    // Without C5 only a holder who turned `medicalAge` before A can owe one.
    guard hasC5 || birthDate.map({ $0.adding(years: medicalAge) < asOf }) == true else { return nil }
    let cycles = firstIssuedOn.fullYears(until: asOf)
    guard cycles >= 1 else { return nil }
    for n in 1...cycles {
        let c = firstIssuedOn.adding(years: n)
        guard c.adding(years: 1) < asOf else { return nil }
        if let lastMedicalOn, lastMedicalOn >= c { continue }
        let byAge = holderAge(born: birthDate, on: c).map { $0 >= medicalAge } ?? false
        if byAge || isC5MedicalCycle(classes, cycleNumber: n, c5Cycles: c5Cycles) {
            return c.adding(years: 1).adding(days: 1)
        }
    }
    return nil
}
