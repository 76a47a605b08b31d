// swift-tools-version:6.0
// A side-by-side measurement of the two PostgreSQL clients MarketShape could publish with: libpq (what it uses,
// through the same C calls as Sources/Publish) and vapor/postgres-nio, each COPYing the same rows into the same
// server. Not part of the main package: bench/pgclient.sh builds and runs it.
import PackageDescription

let package = Package(
    name: "pgclient-bench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ"),
        .executableTarget(name: "pgclient-bench", dependencies: ["CLibPQ", .product(name: "PostgresNIO", package: "postgres-nio")]),
    ]
)
