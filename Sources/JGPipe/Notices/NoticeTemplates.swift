/// Chinese message templates, one per `[templates]` key: the defaults come from the rule files
/// (`NoticeWording`), the pipeline file's `[templates]` table replaces any of them (SPEC §4);
/// `{name}` placeholders are filled per notice. Caps, dates and subjects are always
/// placeholders, never literals (SPEC §4 "Wording"), so a text cannot disagree with the settings.
public struct NoticeTemplates: Sendable {
    /// Every key of `NoticeType.allTemplateKeys`, with its rule file's text (`NoticeWording`); a
    /// test keeps `pipelines/default.toml` equal.
    public static let defaults: [String: String] = Dictionary(uniqueKeysWithValues: NoticeType.allCases.flatMap { type in
        [(type.templateKey, type.wording.text)] + type.wording.variants.map { ($0.key, $0.text) }
    })

    /// The `{names}` each key's stage fills: its type's `NoticeWording.placeholders`, and
    /// `service_point` for a type with a service.
    public static let fillable: [String: Set<String>] = Dictionary(uniqueKeysWithValues: NoticeType.allCases.flatMap { type in
        // SPEC §9 P6: a notice with a service may name its point.
        ([type.templateKey] + type.wording.variants.map(\.key)).map {
            ($0, Set(type.wording.placeholders + (type.service == nil ? [] : ["service_point"])))
        }
    })

    /// The `{names}` in `template` that no stage fills for `key`, in order of appearance.
    public static func unfillable(_ key: String, in template: String) -> [String] {
        compile(template).compactMap { part in
            guard case let .placeholder(name) = part, !(fillable[key]?.contains(name) ?? false) else { return nil }
            return name
        }
    }

    private let templates: [String: String]
    /// Each template split once into text and `{placeholder}` parts: a night may fill millions.
    private let compiled: [String: [Part]]

    private enum Part: Sendable {
        case text(String)
        case placeholder(String)
    }

    public init(overrides: [String: String] = [:]) {
        templates = NoticeTemplates.defaults.merging(overrides) { _, new in new }
        compiled = templates.mapValues(NoticeTemplates.compile)
    }

    /// Fills `{key}` placeholders; an unknown one is left as written (a pipeline file's text cannot
    /// have one: `PipelineSettings` refuses it).
    public func message(_ type: String, _ values: [String: String]) -> String {
        message(type) { values[$0] }
    }

    /// Fills `{key}` placeholders with `value(key)`: for callers that fill many messages, a
    /// switch over the keys costs less than a dictionary per message.
    public func message(_ type: String, value: (String) -> String?) -> String {
        guard let parts = compiled[type] else { return type }
        var text = ""
        for part in parts {
            switch part {
            case let .text(literal): text += literal
            case let .placeholder(key): text += value(key) ?? "{\(key)}"
            }
        }
        return text
    }

    private static func compile(_ template: String) -> [Part] {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return parts
    }

    public func template(_ type: String) -> String? { templates[type] }
}
