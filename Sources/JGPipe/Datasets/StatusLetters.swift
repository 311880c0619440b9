/// A status column of letters (SPEC §3 机动车状态, §7 驾驶证状态): empty means `A` (正常), a Chinese
/// name some exports write stands for its letter, anything else must be upper-case letters A–Z.
enum StatusLetters {
    static func parse(_ raw: String, names: [String: String], invalid: (String) -> String) throws(FieldError) -> String {
        let text = Text.normalizeCode(raw)
        if text.isEmpty { return "A" }
        if let letter = names[text] { return letter }
        guard text.utf8.allSatisfy(ASCII.isUpper) else {
            throw FieldError(.invalidCode, invalid(text))
        }
        return text
    }
}
