// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "bilan",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bilan", targets: ["bilan"]),
        .library(name: "BilanCore", targets: ["BilanCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev (cmark 0.30.2).
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Everything bilan does, as named stages; the executable only parses arguments.
        .target(
            name: "BilanCore",
            dependencies: [
                "CCMark",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "bilan",
            dependencies: [
                "BilanCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BilanCoreTests",
            dependencies: ["BilanCore"],
            resources: [.copy("Fixtures")]
        ),
        // Runs the built `bilan` binary: commands, exit codes, files.
        .testTarget(
            name: "BilanCLITests",
            dependencies: ["bilan"]
        ),
    ]
)
