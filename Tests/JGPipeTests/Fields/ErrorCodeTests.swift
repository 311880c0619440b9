import Testing
@testable import JGPipe

@Suite struct ErrorCodeTests {
    @Test func rawValuesAreTheSpecCodes() {
        #expect(ErrorCode.allCases.map(\.rawValue) == [
            "FIELD_COUNT", "MISSING_FIELD", "INVALID_ID", "INVALID_CREDIT_CODE", "INVALID_DATE", "INVALID_CODE",
            "INVALID_CLASS", "INVALID_PLATE", "INVALID_VIN", "INVALID_REGION", "UNKNOWN_UNIT", "DUPLICATE_KEY",
            "UNKNOWN_VEHICLE", "INVALID_NUMBER", "UNKNOWN_POINT",
        ])
    }

    @Test func comparableByRawValue() {
        #expect(ErrorCode.duplicateKey < ErrorCode.fieldCount)
        #expect(ErrorCode.invalidClass < ErrorCode.invalidCode)
        #expect(!(ErrorCode.unknownUnit < ErrorCode.invalidVIN))
        #expect(ErrorCode.allCases.sorted().first == .duplicateKey)
        #expect(ErrorCode.allCases.sorted().last == .unknownVehicle)
    }

    @Test func fieldErrorKeepsCodeAndMessage() {
        let error = FieldError(.invalidPlate, "plate number X is invalid")
        #expect(error.code == .invalidPlate)
        #expect(error.message == "plate number X is invalid")
        #expect(error == FieldError(.invalidPlate, "plate number X is invalid"))
        #expect(error != FieldError(.invalidVIN, "plate number X is invalid"))
        #expect(error.description == "INVALID_PLATE: plate number X is invalid")
    }
}
