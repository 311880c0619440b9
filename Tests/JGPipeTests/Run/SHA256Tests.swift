import Foundation
import Testing
@testable import JGPipe

/// FIPS 180-2 test vectors, and files checked against the system's sha256sum.
@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Feeding the bytes in uneven pieces (across block boundaries) gives the same digest.
    @Test func piecewiseUpdatesMatchOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 0, 127, 200, 3] + Array(repeating: 50, count: 10) {
            let end = min(offset + size, bytes.count)
            hasher.update(bytes[offset..<end])
            offset = end
        }
        hasher.update(bytes[offset...])
        #expect(SHA256.hexString(hasher.finalize()) == SHA256.hex(bytes))
    }

    @Test func fileDigestMatchesSystemTool() throws {
        let folder = RunHarness.temporaryFolder()
        let path = folder + "/data.bin"
        // 2.5 MiB: several of the 1 MiB reads, and a tail.
        let data = Data((0..<(5 << 19)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
        try data.write(to: URL(fileURLWithPath: path))
        let digest = try SHA256.file(path)
        #expect(digest.bytes == Int64(data.count))
        #expect(digest.hex == (try systemSHA256(path)))
    }
}
