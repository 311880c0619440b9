/// SPEC §2 class sets, from the pipeline file's `[exams]` table.
public struct ExamClassSets: Sendable, Equatable {
    /// 小型汽车 S = {C1, C2}.
    public var smallCar: LicenceClasses
    /// 大中型客货车 L = {A1, A2, A3, B1, B2}.
    public var large: LicenceClasses
    /// 摩托车 M = {D, E, F}.
    public var motorcycle: LicenceClasses

    public init(smallCar: LicenceClasses = [.c1, .c2], large: LicenceClasses = [.a1, .a2, .a3, .b1, .b2],
                motorcycle: LicenceClasses = [.d, .e, .f]) {
        self.smallCar = smallCar
        self.large = large
        self.motorcycle = motorcycle
    }
}
