// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for every parser of outside bytes (README.md, "Fuzzing"). A package of its own,
// depending on the node by path, so that the node's `swift build` and `swift test` never build it.
// Built by Fuzz/fuzz.sh (`make fuzz`) with `-sanitize=fuzzer,address -parse-as-library`; one
// executable with a target switch (EWP_FUZZ_TARGET): one link instead of ten on a 2-core machine.
let package = Package(
    name: "ewp-node-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ewp-node", path: ".."),
    ],
    targets: [
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(name: "ewp-fuzz", dependencies: ["CLibFuzzer", .product(name: "EWPParsers", package: "ewp-node")]),
    ],
    swiftLanguageModes: [.v6]
)
