// swift-tools-version: 6.0
// The libFuzzer harness over jgpipe's input layer, in its own package so the main build and
// `swift test` never need fuzzer flags. Build and run it with `scripts/fuzz.sh`.
import PackageDescription

let package = Package(
    name: "jgpipe-fuzz",
    dependencies: [.package(name: "jgpipe", path: "..")],
    targets: [
        .executableTarget(name: "JGPipeFuzz", dependencies: [.product(name: "JGPipe", package: "jgpipe")]),
    ]
)
