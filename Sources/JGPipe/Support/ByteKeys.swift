import Glibc

/// Byte-string keys in one buffer, ordered with `memcmp`: for sorting hundreds of thousands of
/// records by their text without comparing `String`s or allocating a key each.
struct ByteKeys {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(capacity: Int) {
        ends.reserveCapacity(capacity)
    }

    /// Appends to the key being built.
    mutating func append(_ part: String) {
        bytes.append(contentsOf: part.utf8)
    }

    mutating func append<C: Collection<UInt8>>(bytes part: C) {
        bytes.append(contentsOf: part)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Ends the key being built; the next `append` starts another.
    mutating func endKey() {
        ends.append(bytes.count)
    }

    /// Key `i`'s bytes, valid only inside `body`.
    func withKey<R, E: Error>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let range = (i == 0 ? 0 : ends[i - 1])..<ends[i]
        let result: Result<R, E> = bytes.withUnsafeBufferPointer { bytes in
            Result { () throws(E) in try body(UnsafeBufferPointer(rebasing: bytes[range])) }
        }
        return try result.get()
    }

    /// The keys' indices in byte order; equal keys in the order they were added.
    func order() -> [Int] {
        var order = Array(ends.indices)
        bytes.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { ends in
                func key(_ i: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
                }
                order.sort { a, b in
                    let x = key(a), y = key(b)
                    let common = min(x.count, y.count)
                    let c = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                    return c != 0 ? c < 0 : x.count != y.count ? x.count < y.count : a < b
                }
            }
        }
        return order
    }
}
