/// SPEC §3 V4 `[vehicles.exempt_sticker]` (measure 七.二 "申领免检标志"): which vehicles may apply for
/// the inspection sticker (检验标志) instead of an on-site inspection, and at which full years of age.
public struct ExemptStickerRules: Equatable, Sendable {
    /// GA 24.4 type codes or prefixes never exempt, whatever their class: vans (K39 小型面包车,
    /// K49 微型面包车) by default.
    public var excludedVehicleTypes: [String]
    /// Non-operating small and micro passenger cars (K3x, K4x of use A): years 2, 4 and 8.
    public var carAges: [Int]
    /// Motorcycles (M…, any use nature): years 2 and 4.
    public var motorcycleAges: [Int]

    public static let defaults = ExemptStickerRules(excludedVehicleTypes: ["K39", "K49"], carAges: [2, 4, 8],
                                                    motorcycleAges: [2, 4])

    public init(excludedVehicleTypes: [String], carAges: [Int], motorcycleAges: [Int]) {
        self.excludedVehicleTypes = excludedVehicleTypes
        self.carAges = carAges
        self.motorcycleAges = motorcycleAges
    }

    /// The full years of age at which this vehicle applies for the sticker; empty when it never
    /// does (every other vehicle, vans included, goes to an inspection station).
    public func ages(vehicleType: String, useNature: String) -> [Int] {
        if excludedVehicleTypes.contains(where: { vehicleType.hasPrefix($0) }) { return [] }
        if vehicleType.hasPrefix("M") { return motorcycleAges }
        if useNature == "A" && (vehicleType.hasPrefix("K3") || vehicleType.hasPrefix("K4")) { return carAges }
        return []
    }
}
