/// A GB/T 2260 administrative-division code (SPEC §0 "Region and detachment"); only its shape is
/// checked, since the code list changes yearly and the pipeline file maps prefixes to detachments.
public struct RegionCode: Hashable, Sendable {
    public let value: String

    public init(_ raw: String) throws(FieldError) {
        let text = Text.normalize(raw)
        guard RegionCode.isValid(text.utf8) else {
            throw FieldError(.invalidRegion, text.isEmpty
                ? "为空"
                : "\"\(text)\" 不是6位数字的行政区划代码")
        }
        value = text
    }

    /// Normalised text already checked with `isValid` (the byte-level row path).
    init(validated text: UnsafeBufferPointer<UInt8>) {
        value = String(decoding: text, as: UTF8.self)
    }

    static func isValid<Bytes: Collection<UInt8>>(_ text: Bytes) -> Bool {
        text.count == 6 && ASCII.allDigits(text)
    }

    /// The first four digits: city level, used for detachments and for cross-region checks (SPEC §3 V3).
    public var prefix4: Substring { value.prefix(4) }
}

extension RegionCode: CustomStringConvertible {
    public var description: String { value }
}
