/// Facts (SPEC §4 "Identity") built from more than one field. The stages of §7 and §8 name the
/// fact of every notice they build (D1, D4: valid_until; D2, D3: C; W1: the unprocessed violation
/// ids; W2: the violation id).
enum NoticeFact {
    /// W1's fact: the vehicle's unprocessed violation ids, sorted and `;`-joined.
    static func idSet(_ ids: [String]) -> String { ids.sorted().joined(separator: ";") }
}
