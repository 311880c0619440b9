/// SPEC §0 "Reading": `auto` means a UTF-8 BOM → UTF-8, UTF-8-valid bytes → UTF-8, else GB18030.
public enum InputEncoding: String, Sendable, CaseIterable {
    case auto
    case utf8 = "utf-8"
    case gb18030
}
