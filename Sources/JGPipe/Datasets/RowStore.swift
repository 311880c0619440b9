/// The canonical fields of a dataset's valid rows, packed into one byte buffer: a row costs its
/// bytes plus one offset per field instead of an array and a `String` per field.
public final class RowStore {
    public let width: Int
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    public init(width: Int) {
        self.width = width
    }

    public var count: Int { width == 0 ? 0 : ends.count / width }

    public func append(_ fields: [String]) {
        precondition(fields.count == width, "row of \(fields.count) fields in a store of width \(width)")
        for var field in fields {
            field.withUTF8 { bytes.append(contentsOf: $0) }
            ends.append(bytes.count)
        }
    }

    private func range(_ row: Int, _ column: Int) -> Range<Int> {
        let f = row * width + column
        return (f == 0 ? 0 : ends[f - 1])..<ends[f]
    }

    public func field(_ row: Int, _ column: Int) -> String {
        let r = range(row, column)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    public func fields(_ row: Int) -> [String] {
        (0..<width).map { field(row, $0) }
    }

    /// SPEC §0 "Duplicates": rows identical after normalisation.
    public func rowsEqual(_ a: Int, _ b: Int) -> Bool {
        let ra = range(a, 0).lowerBound..<range(a, width - 1).upperBound
        let rb = range(b, 0).lowerBound..<range(b, width - 1).upperBound
        guard ra.count == rb.count else { return false }
        for column in 0..<width where range(a, column).count != range(b, column).count { return false }
        return bytes[ra].elementsEqual(bytes[rb])
    }
}
