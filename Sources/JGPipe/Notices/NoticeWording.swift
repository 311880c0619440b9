/// A notice type's default wording: the text of its `[templates]` key, its variants (other keys
/// of the same notice, where one text would name one date twice or say what is not true on the
/// day) and the `{placeholders}` its stage fills. Each is defined in the file of the rule that
/// raises the notice, beside the rule's `RuleWording` — the unit cleanup notices, which report
/// R1–R3 together, in `UnitAccountCleanup.swift`; the exam notices (T1, T2) in `ExamNotices.swift`
/// — so a rule's words are in one place (issue #12). The pipeline file's `[templates]` may
/// replace any text (SPEC §4), using the same placeholders.
public struct NoticeWording: Sendable {
    /// The default text of the type's own key (`NoticeType.templateKey`).
    public let text: String
    public let variants: [Variant]
    /// Every `{name}` the stage fills for the type: the ones its texts use, and any other a
    /// replacement text may use.
    public let placeholders: [String]

    public struct Variant: Sendable {
        public let key: String
        public let text: String
    }

    init(_ text: String, variants: [Variant] = [], placeholders: [String]) {
        self.text = text
        self.variants = variants
        self.placeholders = placeholders
    }
}
