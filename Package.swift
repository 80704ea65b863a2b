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
        // On Linux the executable carries the Swift runtime and Foundation inside it: loading and
        // relocating a dozen shared libraries took a third of plansh's start-up (SPEC §8). The
        // flag goes to compiling main.swift too, so its link entries name the static libraries'
        // own dependencies; unsafe flags are allowed here because plansh is never a dependency.
        .executableTarget(
            name: "plansh",
            dependencies: ["PlanShell", "PlanKit"],
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]
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
