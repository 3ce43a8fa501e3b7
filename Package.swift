// swift-tools-version: 6.0
import PackageDescription

/// The compiler settings of bilan's own targets: Swift 6 with full data-race checking, and
/// the upcoming features Hummingbird sets.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "bilan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bilan", targets: ["bilan"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Only its socket layer (FlyingSocks); FlyingFox's HTTP part imports FoundationNetworking.
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev (cmark 0.30.2).
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libjpeg-turbo from Debian's libjpeg62-turbo-dev and libpng 1.6 from libpng-dev: the
        // photos' decoding and encoding (BilanInputs/Images), static archives in the release.
        .systemLibrary(
            name: "CJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg62-turbo-dev"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng16",
            providers: [.apt(["libpng-dev"])]
        ),
        // The stages, one target each, so that SwiftPM refuses any import that goes back
        // up: Base ← Inputs ← Content ← Render ← Build (ARCHITECTURE.md).
        .target(name: "BilanBase", swiftSettings: strictSettings),
        .target(
            name: "BilanInputs",
            dependencies: [
                "BilanBase", "CJPEG", "CPNG", .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BilanContent",
            dependencies: ["BilanBase", "BilanInputs", "CCMark", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BilanRender",
            dependencies: [
                "BilanBase", "BilanInputs", "BilanContent", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BilanBuild",
            dependencies: ["BilanBase", "BilanInputs", "BilanContent", "BilanRender"],
            swiftSettings: strictSettings
        ),
        // The preview server of `bilan serve`: the only target with an HTTP stack (its own,
        // on FlyingSocks' non-blocking sockets).
        .target(
            name: "BilanPreview",
            dependencies: [
                "BilanBase", "BilanInputs", "BilanContent", "BilanRender", "BilanBuild",
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "bilan",
            dependencies: [
                "BilanBase", "BilanInputs", "BilanContent", "BilanRender", "BilanBuild",
                "BilanPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // One unit-test target per library target, each importing only its target and the
        // ones below it; the fixtures (Tests/Fixtures) are read in place by BilanTestSupport.
        .testTarget(name: "BilanBaseTests", dependencies: ["BilanBase", "BilanTestSupport"]),
        .testTarget(name: "BilanInputsTests", dependencies: ["BilanBase", "BilanInputs", "BilanTestSupport"]),
        .testTarget(
            name: "BilanContentTests",
            dependencies: ["BilanBase", "BilanInputs", "BilanContent", "MarkupScanner", "BilanTestSupport"]
        ),
        .testTarget(
            name: "BilanRenderTests",
            dependencies: [
                "BilanBase", "BilanInputs", "BilanContent", "BilanRender", "MarkupScanner", "BilanTestSupport",
            ]
        ),
        // The pipeline and its use cases, with the fixture projects (valid, and one folder
        // per invalid case with its exact diagnostics) and the rendered snapshots.
        .testTarget(
            name: "BilanBuildTests",
            dependencies: [
                "BilanBase", "BilanInputs", "BilanContent", "BilanRender", "BilanBuild", "MarkupScanner",
                "BilanTestSupport",
                // Reads the Word documents back (WordExportTests).
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The preview server over loopback: pages, reload events, refused paths.
        .testTarget(
            name: "BilanPreviewTests",
            dependencies: [
                "BilanPreview", "BilanBase", "BilanInputs", "BilanContent", "BilanRender", "BilanBuild",
                "BilanTestSupport",
            ]
        ),
        // What every test target shares: fixture project copies, temporary folders, the
        // seeded generator, tags, and the one `assertSnapshot` (BILAN_RECORD=1 records).
        .target(
            name: "BilanTestSupport",
            dependencies: ["BilanBase", "BilanInputs"],
            path: "Tests/BilanTestSupport"
        ),
        // What bilan's HTML and SVG must never contain, for the tests and the fuzz targets.
        .target(
            name: "MarkupScanner",
            path: "Tests/MarkupScanner"
        ),
        // Runs the built `bilan` binary: commands, exit codes, files.
        .testTarget(
            name: "BilanCLITests",
            dependencies: ["bilan", "BilanRender", "BilanTestSupport"],
            // Projects the tests run the binary on, read from the source tree.
            exclude: ["Fixtures"]
        ),
    ]
)

// The measurement and fuzzing executables, outside the default build: `swift build` and
// `swift build --build-tests` do not compile them. BILAN_TOOLS=1 declares them, as
// `bench/run` and `scripts/fuzz` do (so `scripts/test` still builds and runs both):
//   BILAN_TOOLS=1 swift build -c release --product bilan-bench
//   BILAN_TOOLS=1 swift build --product bilan-fuzz
if Context.environment["BILAN_TOOLS"] == "1" {
    package.targets += [
        // Measures an incremental rebuild of one section (`bench/run`, or
        // `BILAN_TOOLS=1 swift run -c release bilan-bench`).
        .executableTarget(
            name: "bilan-bench",
            dependencies: ["BilanBase", "BilanInputs", "BilanContent", "BilanRender", "BilanBuild"],
            path: "bench/Sources/bilan-bench"
        ),
        // libFuzzer's driver entry point, declared for the fuzz executable (header only).
        .target(
            name: "CFuzzDriver",
            path: "fuzz/Sources/CFuzzDriver"
        ),
        // Fuzz targets (`scripts/fuzz`): a plain executable that replays inputs, a
        // libFuzzer fuzzer when built with -DFUZZING -sanitize=fuzzer,address.
        .executableTarget(
            name: "bilan-fuzz",
            dependencies: [
                "BilanBase", "BilanInputs", "BilanContent", "BilanRender", "BilanBuild", "CFuzzDriver", "MarkupScanner",
            ],
            path: "fuzz/Sources/bilan-fuzz"
        ),
    ]
}
