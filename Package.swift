// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "jgpipe",
    products: [
        .executable(name: "jgpipe", targets: ["jgpipe"]),
        .library(name: "JGPipe", targets: ["JGPipe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "CPosix"),
        // Definitions libxlsxwriter's calls reach instead of its own: the deflate level of its zip
        // entries, ISA-L's deflate (Debian's libisal-dev, installed by scripts/bootstrap.sh), less
        // work per cell (Sources/CXlsxFixes, docs/BENCHMARKS.md).
        // zlib's deflate functions and crc32 are called by minizip, which jgpipe does not link itself (it is
        // libxlsxwriter's), so the linker is told to export the executable's definitions of them.
        .target(
            name: "CXlsxFixes",
            linkerSettings: [
                .linkedLibrary("isal"),
                .unsafeFlags(["deflateInit2_", "deflate", "deflateEnd", "crc32"].flatMap { ["-Xlinker", "--export-dynamic-symbol=\($0)"] }),
            ]
        ),
        // The CSV tokenizer (libcsv's semantics, flat buffers), apart from the POSIX shims as
        // swift-nio keeps its HTTP parser apart.
        .target(name: "CCSV"),
        .target(
            name: "JGPipe",
            dependencies: [
                "CCrypto",
                "CCSV",
                "CPosix",
                "CSQLite",
                "CXlsxFixes",
                "CXlsxWriter",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Release builds drop the run-time exclusivity checks (each one a thread-local look-up
            // on the per-row hot path); debug builds and the tests keep them. docs/BENCHMARKS.md.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "jgpipe",
            dependencies: [
                "JGPipe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "JGPipeTests",
            // libcsv is the oracle the CSV tokenizer is tested against; libxlsxwriter (CXlsxWriter) the one
            // of the replacements in CXlsxFixes.
            dependencies: ["JGPipe", "CLibCSV", "CXlsxFixes", "CXlsxWriter", .product(name: "Logging", package: "swift-log")],
            // Input files the hostile-input tests read by path.
            exclude: ["Hostile/corpus", "Hostile/fuzz-crashes"]
        ),
    ]
)
