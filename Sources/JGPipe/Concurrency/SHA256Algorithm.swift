private import CCrypto

/// OpenSSL's SHA-256 implementation, fetched once for every `SHA256` of the process:
/// `EVP_sha256()` would make OpenSSL 3 look the algorithm up at every initialisation, which costs
/// more than hashing a notice id.
///
/// `@unchecked Sendable` is sound because the handle is written once, when `shared` is first
/// read (Swift initialises a global once, under a lock), and never changed after; OpenSSL 3
/// documents a fetched `EVP_MD` as immutable and safe to use from many threads at once
/// (crypto(7), "Thread safety"), which the hashing threads (manifest, write-behind) do. It is
/// never freed: it lives as long as the process.
struct SHA256Algorithm: @unchecked Sendable {
    let handle: OpaquePointer?

    static let shared = SHA256Algorithm(handle: EVP_MD_fetch(nil, "SHA256", nil))
}
