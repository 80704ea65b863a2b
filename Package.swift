// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "plansh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plansh", targets: ["plansh"]),
        .library(name: "PlanKit", targets: ["PlanKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "PlanKit", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "PlanShell", dependencies: ["PlanKit", "CLibEdit"]),
        .executableTarget(
            name: "plansh",
            dependencies: [
                "PlanShell", "PlanKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Golden outputs and fixtures are read from the source tree by path, not bundled.
        .testTarget(
            name: "PlanKitTests",
            dependencies: ["PlanKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Golden", "Fixtures"]
        ),
        .testTarget(name: "PlanShellTests", dependencies: ["PlanShell", "PlanKit"]),
    ],
    swiftLanguageModes: [.v6]
)
