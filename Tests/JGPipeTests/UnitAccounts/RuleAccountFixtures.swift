@testable import JGPipe

/// A compact way to write rule cases: unit, holder, a day number standing for registered_at.
func account(_ id: String, unit: Int32, holder: Int32, day: Int64, active: Bool = true,
             role: AccountRole = .legacy) -> RuleAccount {
    RuleAccount(unit: unit, holder: holder, registeredAt: day * 86_400, id: AccountID(id), isActive: active, role: role)
}

/// Ids of the accounts at `indices`, for readable expectations.
func ids(_ indices: [Int], _ accounts: [RuleAccount]) -> [String] {
    indices.map { accounts[$0].id.text }
}
