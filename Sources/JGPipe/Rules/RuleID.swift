/// The rule IDs of the SPEC (§1 R/C, §2 E/T, §3 V, §7 D, §8 W). Each
/// rule's file (`Rules/<Stage>/<ID>….swift`) owns its wording: its `RuleWording` (the Chinese
/// label the report shows, the measure's section) and, for R1–R3, the removal export's reason.
public enum RuleID: String, CaseIterable, Sendable {
    case R1, R2, R3, C1, C2, C3
    case E1, E2, E3, E4, T1, T2
    case V1, V2, V3, V4, V5
    case D1, D2, D3, D4, D5
    case W1, W2, W3
    case P1, P2, P3, P4, P5, P6

    public var wording: RuleWording {
        switch self {
        case .R1: .R1
        case .R2: .R2
        case .R3: .R3
        case .C1: .C1
        case .C2: .C2
        case .C3: .C3
        case .E1: .E1
        case .E2: .E2
        case .E3: .E3
        case .E4: .E4
        case .T1: .T1
        case .T2: .T2
        case .V1: .V1
        case .V2: .V2
        case .V3: .V3
        case .V4: .V4
        case .V5: .V5
        case .D1: .D1
        case .D2: .D2
        case .D3: .D3
        case .D4: .D4
        case .D5: .D5
        case .W1: .W1
        case .W2: .W2
        case .W3: .W3
        case .P1: .P1
        case .P2: .P2
        case .P3: .P3
        case .P4: .P4
        case .P5: .P5
        case .P6: .P6
        }
    }

    /// The Chinese label: names the rule, never a cap or a date (those come from the settings).
    public var label: String { wording.label }
    /// The section of the 2024 measures the rule implements, as `八.一`.
    public var section: String { wording.section }
}

/// A rule's words: its Chinese label and the measure's section it implements.
public struct RuleWording: Sendable, Equatable {
    public let label: String
    public let section: String
}
