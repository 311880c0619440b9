@testable import JGPipe

/// A compact way to write rule cases: unit, holder, a day number standing for registered_at.
/// Digit ids key by their value, as in production; other ids (all of at most 8 ASCII bytes
/// here) key by their bytes read as a big-endian number, which keeps their byte order.
func account(_ id: String, unit: Int32, holder: Int32, day: Int64, active: Bool = true,
             role: AccountRole = .legacy, permit: ReplacePermit = .unset) -> UnitAccount {
    UnitAccount(unit: unit, holder: UInt64(holder), registeredAt: day * 86_400, idKey: testIDKey(id),
                status: active ? .active : .disabled, role: role, permit: permit)
}

func testIDKey(_ id: String) -> UInt64 {
    if let number = AccountID.numericKey(id) { return number }
    precondition(id.utf8.count <= 8 && id.isASCII, "test ids are digits or at most 8 ASCII bytes")
    let bytes = Array(id.utf8) + Array(repeating: 0, count: 8 - id.utf8.count)
    return bytes.reduce(0) { $0 << 8 | UInt64($1) }
}

/// Ids of the accounts at `indices`, for readable expectations.
func ids(_ indices: [Int32], _ accounts: [UnitAccount]) -> [String] {
    indices.map { i in
        let key = accounts[Int(i)].idKey
        if key < 1 << 40 { return String(key) }
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: key >> (56 - 8 * UInt64($0))) }.filter { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }
}

private extension String {
    var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}

/// Every account as a rule candidate.
func all(_ accounts: [UnitAccount]) -> [Int32] {
    accounts.indices.map { Int32($0) }
}
