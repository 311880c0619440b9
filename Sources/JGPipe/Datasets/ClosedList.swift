/// A closed list of codes (status, role, …) matched on bytes: the byte-level row path's side of
/// `SchemaRow.choice` — an exact match, else the ASCII lower-cased text; anything else (other
/// scripts' case folding, the error message) stays with `choice`.
struct ClosedList<Value: Sendable>: Sendable {
    private let entries: [(key: [UInt8], value: Value)]

    init(_ values: [String: Value]) {
        entries = values.map { (Array($0.key.utf8), $0.value) }
    }

    func match(_ field: UnsafeBufferPointer<UInt8>) -> Value? {
        for entry in entries where entry.key.elementsEqual(field) { return entry.value }
        guard field.allSatisfy({ $0 < 0x80 }) else { return nil }
        let lower = field.lazy.map { ASCII.isUpper($0) ? $0 | 0x20 : $0 }
        for entry in entries where entry.key.elementsEqual(lower) { return entry.value }
        return nil
    }
}
