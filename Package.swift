// swift-tools-version:6.1
import PackageDescription

// Layers point down only; README.md ("Layout") says what each target holds and where new code goes.
let package = Package(
    name: "ewp-node",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ewp-node", targets: ["ewp-node"]),
        // The parsers of outside bytes, for the fuzz package in Fuzz/ (a package of its own, so that
        // `swift build` and `swift test` never build the fuzz targets).
        .library(name: "EWPParsers", targets: ["EWPCore", "EWPXML", "EWPSecurity", "EWPHTTP", "EWPCrypto", "EWPModel", "EWPRegistry", "EWPNotifications", "EWPAPIs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // C libraries (Debian: libxml2-dev libssl-dev libcurl4-openssl-dev).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // The vocabulary every layer shares: typed ids and the one error protocol.
        .target(name: "EWPCore", dependencies: [.product(name: "HTTPTypes", package: "swift-http-types")]),

        // Thin Swift over the C libraries: the only place for unsafe pointers.
        .target(name: "EWPXML", dependencies: ["CLibXML2"]),
        .target(name: "EWPCrypto", dependencies: ["COpenSSL"]),
        .target(name: "EWPHTTP", dependencies: ["CCurl", .product(name: "HTTPTypes", package: "swift-http-types")]),

        .target(name: "EWPStore", dependencies: ["EWPCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // The same store protocols on PostgreSQL, for several node processes on one database.
        .target(name: "EWPStorePostgres", dependencies: [
            "EWPStore", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
        ]),
        // Picks the engine an `EWP_DATABASE` value names (SQLite by default, or PostgreSQL).
        .target(name: "EWPStoreOpener", dependencies: ["EWPStore", "EWPStorePostgres", .product(name: "Logging", package: "swift-log")]),
        .target(name: "EWPSecurity", dependencies: ["EWPCore", "EWPCrypto", .product(name: "HTTPTypes", package: "swift-http-types")]),
        .target(name: "EWPRegistry", dependencies: [
            "EWPCore", "EWPXML", "EWPCrypto", "EWPHTTP", "EWPStore", "EWPSecurity",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .target(name: "EWPClient", dependencies: ["EWPHTTP", "EWPSecurity", "EWPXML", "EWPCrypto", .product(name: "HTTPTypes", package: "swift-http-types")]),
        .target(name: "EWPModel", dependencies: ["EWPCore", "EWPXML", "EWPCrypto"]),
        .target(name: "EWPNotifications", dependencies: [
            "EWPStore", "EWPClient", "EWPRegistry", "EWPXML",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "EWPAPIs", dependencies: [
            "EWPCore", "EWPXML", "EWPRegistry", "EWPSecurity", "EWPNotifications", "EWPModel", "EWPStore",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        // The use cases (import, change plans, approvals, LA answers, overviews, queues, sync now) behind
        // one façade, `NodeOperations`, that the CLI and the admin API call; no HTTP server in it.
        .target(name: "EWPOperations", dependencies: [
            "EWPAPIs", "EWPCore", "EWPNotifications", "EWPModel", "EWPStore", "EWPRegistry", "EWPClient", "EWPSecurity", "EWPXML",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        // The IRO console under /console/: accounts, sessions, pages; it calls `NodeOperations` only.
        .target(name: "EWPConsole", dependencies: [
            "EWPOperations", "EWPCore", "EWPStore", "EWPCrypto", "EWPModel", "EWPHTTP", "EWPXML",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "EWPNode", dependencies: [
            "EWPConsole", "EWPOperations", "EWPAPIs", "EWPNotifications", "EWPModel", "EWPClient", "EWPRegistry", "EWPSecurity", "EWPStore", "EWPStoreOpener", "EWPXML", "EWPCrypto", "EWPHTTP",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "ewp-node", dependencies: [
            "EWPCore", "EWPConsole", "EWPNode", "EWPOperations", "EWPNotifications", "EWPXML", "EWPHTTP", "EWPRegistry", "EWPStore", "EWPStoreOpener", "EWPModel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ], exclude: ["startup.order"], linkerSettings: [
            // The Swift runtime and Foundation linked into the binary: only the pages the node uses
            // become resident, where the shared libraries (Foundation with its ICU data) cost ~15 MB
            // of RSS at start-up.
            .unsafeFlags(["-static-stdlib", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lFoundationInternationalization"]),
            // Linked by lld with packed relative relocations (DT_RELR, glibc 2.36 and later): the loader
            // reads ~30 kB of relocations instead of 3.3 MB. The binary's symbols are not exported to the
            // dynamic table (no plugin or dlopen looks them up): 3 MB less read at start-up. Idle RSS
            // fell from ~51 to ~44 MB with both.
            .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"]),
            // The functions start-up runs placed side by side (Scripts/startup_order.sh writes the list):
            // the kernel maps 64 kB around each page first touched, and start-up code spread over the
            // whole binary made ~20 MB of it resident. A function the list lacks still links, with the
            // rest of the code.
            .unsafeFlags(["-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/ewp-node/startup.order",
                          "-Xlinker", "--no-warn-symbol-ordering"], .when(configuration: .release)),
        ]),

        .executableTarget(name: "ewp-bench-catalogue", dependencies: ["EWPCore", "EWPRegistry", "EWPXML"], path: "Benchmarks/CatalogueBench"),
        .executableTarget(name: "ewp-bench-iiahash", dependencies: ["EWPModel", "EWPXML"], path: "Benchmarks/IIAHashBench"),
        .executableTarget(name: "ewp-bench-cnr", dependencies: ["EWPStore", "EWPStoreOpener"], path: "Benchmarks/CNRBench"),
        .executableTarget(name: "ewp-bench-iias", dependencies: ["EWPAPIs", "EWPModel", "EWPSecurity", "EWPStore", "EWPStoreOpener", "EWPCrypto", "EWPXML", "EWPTestSupport"], path: "Benchmarks/IIABench"),
        .executableTarget(name: "ewp-bench-las", dependencies: ["EWPAPIs", "EWPModel", "EWPSecurity", "EWPStore", "EWPCrypto", "EWPXML", "EWPTestSupport"], path: "Benchmarks/LABench"),

        .target(name: "EWPTestSupport", dependencies: ["EWPCrypto", .product(name: "Logging", package: "swift-log"), .product(name: "HTTPTypes", package: "swift-http-types")], path: "Tests/EWPTestSupport"),
        .target(name: "EWPNodeTestSupport", dependencies: ["EWPConsole", "EWPNode", "EWPOperations", "EWPNotifications", "EWPStore", "EWPXML", "EWPTestSupport"], path: "Tests/EWPNodeTestSupport"),
        .target(name: "EWPTestTraits", dependencies: ["EWPTestSupport"], path: "Tests/EWPTestTraits"),
        .testTarget(name: "EWPCoreTests", dependencies: ["EWPCore", .product(name: "HTTPTypes", package: "swift-http-types")]),
        .testTarget(name: "EWPXMLTests", dependencies: ["EWPTestTraits", "EWPXML", "EWPTestSupport"]),
        .testTarget(name: "EWPCryptoTests", dependencies: ["EWPTestTraits", "EWPCrypto", "EWPTestSupport"]),
        .testTarget(name: "EWPHTTPTests", dependencies: ["EWPTestTraits", "EWPHTTP", "EWPTestSupport", .product(name: "HTTPTypes", package: "swift-http-types")]),
        .testTarget(name: "EWPStoreTests", dependencies: ["EWPTestTraits", "EWPTestSupport", "EWPStore", "EWPStorePostgres", "EWPStoreOpener"]),
        .testTarget(name: "EWPSecurityTests", dependencies: ["EWPTestTraits", "EWPSecurity", "EWPCrypto", "EWPTestSupport", .product(name: "HTTPTypes", package: "swift-http-types")]),
        .testTarget(name: "EWPRegistryTests", dependencies: ["EWPTestTraits", "EWPCore", "EWPRegistry", "EWPXML", "EWPCrypto", "EWPHTTP", "EWPStore", "EWPSecurity", "EWPTestSupport", .product(name: "HTTPTypes", package: "swift-http-types")]),
        .testTarget(name: "EWPClientTests", dependencies: ["EWPTestTraits", "EWPClient", "EWPSecurity", "EWPCrypto", "EWPHTTP", "EWPXML", "EWPTestSupport", .product(name: "HTTPTypes", package: "swift-http-types")]),
        .testTarget(name: "EWPModelTests", dependencies: ["EWPTestTraits", "EWPModel", "EWPXML", "EWPCrypto", "EWPTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "EWPNotificationsTests", dependencies: ["EWPTestTraits", "EWPNotifications", "EWPStore", "EWPXML", "EWPClient", "EWPHTTP", "EWPSecurity"]),
        .testTarget(name: "EWPAPIsTests", dependencies: ["EWPTestTraits", "EWPAPIs", "EWPNotifications", "EWPXML", "EWPTestSupport", "EWPModel", "EWPStore"]),
        .testTarget(name: "EWPNodeTests", dependencies: ["EWPTestTraits", 
            "EWPNode", "EWPOperations", "EWPSecurity", "EWPCrypto", "EWPXML", "EWPHTTP", "EWPRegistry", "EWPStore", "EWPStoreOpener", "EWPAPIs", "EWPModel", "EWPClient",
            "EWPTestSupport", "EWPNodeTestSupport",
        ]),
        .testTarget(name: "EWPOperationsTests", dependencies: ["EWPTestTraits",
            "EWPOperations", "EWPNotifications", "EWPAPIs", "EWPModel", "EWPStore", "EWPXML", "EWPSecurity", "EWPRegistry", "EWPHTTP",
            "EWPTestSupport", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "EWPConsoleTests", dependencies: ["EWPTestTraits",
            "EWPConsole", "EWPNode", "EWPOperations", "EWPAPIs", "EWPNotifications", "EWPStore", "EWPStoreOpener", "EWPCore", "EWPCrypto", "EWPModel", "EWPXML", "EWPTestSupport", "EWPNodeTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        // Tests that start real processes (nodes, fake partners, a registry, nginx): their own target,
        // so `swift test --filter EWPNodeTests` and the other unit targets stay fast.
        .testTarget(name: "EWPProcessTests", dependencies: ["EWPTestTraits", 
            "EWPNode", "EWPOperations", "EWPSecurity", "EWPCrypto", "EWPXML", "EWPHTTP", "EWPRegistry", "EWPStore", "EWPStoreOpener", "EWPAPIs", "EWPModel", "EWPClient",
            "EWPTestSupport", "EWPNodeTestSupport", .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
