/// The outcome for one account after cleanup and conversion.
public struct AccountDecision: Sendable, Equatable {
    public var status: AccountStatus
    public var role: AccountRole
    public var permit: ReplacePermit
    public var removedBy: CleanupRule?
}

/// Every decision is one of 2 statuses × 4 roles × 3 permits × (no rule or R1–R3) = 96
/// combinations: a number each, so what the cleaned file writes for a decision is made once per
/// combination rather than once per account (`EncodedDecisions`).
extension AccountDecision {
    static let combinations = 2 * 4 * 3 * 4

    /// A number for each combination of status, role, permit and rule, below `combinations`.
    var combination: Int {
        let s = status == .active ? 0 : 1
        let r = switch role {
        case .legacy: 0
        case .legalPerson: 1
        case .admin: 2
        case .ordinary: 3
        }
        let p = switch permit {
        case .unset: 0
        case .yes: 1
        case .no: 2
        }
        return ((s * 4 + r) * 3 + p) * 4 + (removedBy.map { $0.position + 1 } ?? 0)
    }

    /// The decision of a `combination` number.
    init(combination: Int) {
        let rule = combination % 4, p = combination / 4 % 3, r = combination / 12 % 4, s = combination / 48
        self.init(status: s == 0 ? .active : .disabled, role: AccountDecision.roles[r], permit: AccountDecision.permits[p],
                  removedBy: rule == 0 ? nil : CleanupRule.allCases[rule - 1])
    }

    // In the order of `combination`'s switches.
    private static let roles: [AccountRole] = [.legacy, .legalPerson, .admin, .ordinary]
    private static let permits: [ReplacePermit] = [.unset, .yes, .no]
}

extension CleanupRule {
    /// Position in `allCases`, for arrays indexed by rule.
    var position: Int {
        switch self {
        case .r1: 0
        case .r2: 1
        case .r3: 2
        }
    }
}
