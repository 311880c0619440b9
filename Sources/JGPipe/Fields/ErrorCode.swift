/// The row error codes of SPEC §0 "Error codes" and §8; the raw value is what `*.rejected.csv` shows.
public enum ErrorCode: String, Sendable, CaseIterable, Comparable {
    case fieldCount = "FIELD_COUNT"
    case missingField = "MISSING_FIELD"
    case invalidID = "INVALID_ID"
    case invalidCreditCode = "INVALID_CREDIT_CODE"
    case invalidDate = "INVALID_DATE"
    case invalidCode = "INVALID_CODE"
    case invalidClass = "INVALID_CLASS"
    case invalidPlate = "INVALID_PLATE"
    case invalidVIN = "INVALID_VIN"
    case invalidRegion = "INVALID_REGION"
    case unknownUnit = "UNKNOWN_UNIT"
    case duplicateKey = "DUPLICATE_KEY"
    /// SPEC §8: a violation or registered user whose plate and plate type match no vehicle.
    case unknownVehicle = "UNKNOWN_VEHICLE"
    /// SPEC §8: points or a fine that is not a number in its range.
    case invalidNumber = "INVALID_NUMBER"
    /// SPEC §9 P5: a correction naming a point that `service_points.csv` does not hold.
    case unknownPoint = "UNKNOWN_POINT"

    /// Ordered by raw value so summaries list codes deterministically.
    public static func < (lhs: ErrorCode, rhs: ErrorCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
