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
            // libcsv is the oracle the CSV tokenizer is tested against.
            dependencies: ["JGPipe", "CLibCSV", .product(name: "Logging", package: "swift-log")],
            // Input files the hostile-input tests read by path.
            exclude: ["Hostile/corpus", "Hostile/fuzz-crashes"]
        ),
    ]
)
