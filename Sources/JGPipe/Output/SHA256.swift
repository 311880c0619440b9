import Glibc
private import CCrypto

/// SHA-256 for `manifest.json` hashes and stable notice ids, through OpenSSL's libcrypto
/// (`libssl-dev`): it uses the CPU's SHA extensions, several times faster than portable code on
/// the hundreds of megabytes a night hashes.
public struct SHA256 {
    private final class Context {
        let pointer: OpaquePointer

        init() {
            pointer = EVP_MD_CTX_new()
            EVP_DigestInit_ex(pointer, SHA256.algorithm, nil)
        }

        deinit { EVP_MD_CTX_free(pointer) }
    }

    private let context = Context()

    /// Fetched once, shared by every hasher (`SHA256Algorithm`, which says why that is sound).
    private static var algorithm: OpaquePointer? { SHA256Algorithm.shared.handle }

    public init() {}

    /// The digest of a short byte string in one call (notice ids: hundreds of thousands a night).
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, algorithm, nil)
        return digest
    }

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            update(Array(bytes))
        }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        EVP_DigestUpdate(context.pointer, bytes.baseAddress, bytes.count)
    }

    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context.pointer, &digest, &length)
        return digest
    }

    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hexString(hasher.finalize())
    }

    /// Lower-case hex of a digest.
    public static func hexString(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Streams a file through the hash in 1 MiB reads: (size in bytes, hex digest).
    public static func file(_ path: String) throws(OutputFileError) -> (bytes: Int64, hex: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputFileError(file: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var hasher = SHA256()
        var total: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw OutputFileError(file: path, message: "cannot read: \(String(cString: strerror(errno)))")
            }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
            total += Int64(n)
        }
        return (total, hexString(hasher.finalize()))
    }
}
