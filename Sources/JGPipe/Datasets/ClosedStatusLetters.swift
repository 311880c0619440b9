/// SPEC §3 `status`: the status letters that close a vehicle, `[vehicles] closed_statuses`
/// (default E 注销, M 强制注销, B 转出). Checked for every vehicle, so a set of bits over A–Z that
/// the status's bytes are looked up in, not a string search.
public struct ClosedStatusLetters: Equatable, Sendable {
    /// Bit n set: the letter "A" + n closes.
    let mask: UInt32

    public static let defaults = ClosedStatusLetters(validated: ["E", "M", "B"])

    /// nil unless every item is one letter A–Z (upper case).
    public init?(_ letters: [String]) {
        var mask: UInt32 = 0
        for letter in letters {
            guard letter.utf8.count == 1, let byte = letter.utf8.first, ASCII.isUpper(byte) else { return nil }
            mask |= 1 << UInt32(byte - 0x41)
        }
        self.mask = mask
    }

    private init(validated letters: [String]) {
        self.init(letters)!
    }

    /// True when the upper-case letter `byte` closes a vehicle.
    @inline(__always) public func contains(_ byte: UInt8) -> Bool {
        ASCII.isUpper(byte) && mask & (1 << UInt32(byte - 0x41)) != 0
    }

    /// The letters, in alphabetical order, for messages and the summary.
    public var letters: [String] {
        (0..<26).filter { mask & (1 << UInt32($0)) != 0 }.map { String(UnicodeScalar(UInt8(0x41 + $0))) }
    }
}
