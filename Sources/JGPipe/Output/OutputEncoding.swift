/// SPEC §5: output CSVs are UTF-8 with a BOM by default, so Excel shows Chinese text.
public enum OutputEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case gb18030
}
