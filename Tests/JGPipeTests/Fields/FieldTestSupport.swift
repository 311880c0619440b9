@testable import JGPipe

/// The error `body` throws, or nil when it succeeds. Untyped, because closures written inside
/// `#expect` are inferred as throwing `any Error`.
func fieldError(_ body: () throws -> Void) -> FieldError? {
    do {
        try body()
        return nil
    } catch {
        return error as? FieldError
    }
}
