/// Why one field of a row cannot be trusted: the code and the sentence go to `*.rejected.csv` (SPEC §0).
public struct FieldError: Error, Equatable, Sendable {
    public let code: ErrorCode
    public let message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

extension FieldError: CustomStringConvertible {
    public var description: String { "\(code.rawValue): \(message)" }
}
