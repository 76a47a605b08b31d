// swift-tools-version:6.1
import PackageDescription

// MarketShape: a batch pipeline that tells a public body who its money goes to.
// Dependencies point one way: core → csv, warehouse → stages → reports → pipeline → CLI.
let package = Package(
    name: "MarketShape",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "marketshape", targets: ["marketshape"]),
        .executable(name: "marketshape-fuzz", targets: ["marketshape-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),   // LogEvent
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        // The xlsx workbook is a zip of XML parts: ZIPFoundation writes the zip.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        // Property tests (generators with shrinking) in Swift Testing.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // libcsv, the system C library (Debian: libcsv-dev). No pkg-config file ships, so the modulemap links it.
        .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV"),
        // SQLite's C API (Debian: libsqlite3-dev), used directly so bulk loads bind values without boxing.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        // libpq, PostgreSQL's C client (Debian: libpq-dev): COPY for publishing to a shared warehouse.
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ"),
        // Pure model: money, canonical fields, the pipeline file, exit codes. No I/O beyond reading the pipeline file.
        .target(name: "MarketShapeCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Streaming CSV reading and writing over libcsv: bounded memory, no per-field allocation.
        .target(name: "SpendCSV", dependencies: ["CLibCSV", "MarketShapeCore"]),
        // The embedded warehouse: SQLite behind a narrow interface, append-only named migrations.
        .target(name: "Warehouse", dependencies: ["CSQLite", "MarketShapeCore"]),
        // What every stage shares: the stage protocol, its context and declared data tests.
        .target(name: "StageKit", dependencies: ["MarketShapeCore", "Warehouse", .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto")]),
        // Stage 1: spend CSVs → stg_payments / stg_rejects, with sniffing and reconciliation.
        .target(name: "Ingest", dependencies: ["StageKit", "SpendCSV"]),
        // Reference registers (Companies House, Charity Commission, FCA mutuals, postcodes, overrides), streamed in.
        .target(name: "Registers", dependencies: ["StageKit", "SpendCSV", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Stage 2: distinct payees → dim_suppliers, fct_payments.
        .target(name: "Resolve", dependencies: ["StageKit", "SpendCSV", "Registers", "Ingest"]),
        // Stage 3: local / SME / VCSE / ownership, with evidence.
        .target(name: "Classify", dependencies: ["StageKit", "Registers"]),
        // Stage 4: service → place mapping into the warehouse.
        .target(name: "Places", dependencies: ["StageKit", "SpendCSV"]),
        // Stage 5: shares, concentration, dynamics into mart_* tables.
        .target(name: "Measures", dependencies: ["StageKit"]),
        // Stage 6: reports from one view model (HTML, Markdown, CSV, JSON, xlsx).
        .target(name: "Reports", dependencies: ["StageKit", "SpendCSV", "Ingest", "Resolve", "Classify", "Measures", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The staged runner: ordering, data tests, the lock and the runs ledger.
        .target(name: "Pipeline", dependencies: ["Ingest", "Registers", "Resolve", "Classify", "Places", "Measures", "Reports"]),
        // Publishing one body's tables to a shared PostgreSQL warehouse, partitioned by body, with views for BI.
        .target(name: "Publish", dependencies: ["CLibPQ", "StageKit", "Warehouse", "Reports", "Pipeline"]),
        // The synthetic borough: deterministic spend files and registers in real layouts.
        .target(name: "Generator", dependencies: ["MarketShapeCore", "SpendCSV"]),
        // Stamps the git revision into the CLI before each build (`marketshape --version`).
        .plugin(name: "RevisionStamp", capability: .buildTool(), path: "Sources/RevisionStamp"),
        // The command tree (swift-argument-parser).
        .target(name: "MarketShapeCLI", dependencies: [
            "Pipeline", "Generator", "Registers", "Reports", "Publish",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], plugins: ["RevisionStamp"]),
        // The executable only starts the CLI.
        .executableTarget(name: "marketshape", dependencies: ["MarketShapeCLI"]),
        // The fuzz suite: properties of every reading path, and a mutation driver over seeds (`marketshape-fuzz`).
        .target(name: "Fuzzing", dependencies: ["Ingest", "SpendCSV", "Warehouse", "MarketShapeCore", "Generator"]),
        .executableTarget(name: "marketshape-fuzz", dependencies: ["Fuzzing", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .testTarget(name: "MarketShapeCoreTests", dependencies: ["MarketShapeCore"]),
        .testTarget(name: "SpendCSVTests", dependencies: ["SpendCSV"]),
        .testTarget(name: "WarehouseTests", dependencies: ["Warehouse"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Pipeline"], exclude: ["Fixtures"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Generator"]),
        .testTarget(name: "MeasuresTests", dependencies: ["Measures", "Pipeline"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Pipeline", .product(name: "ZIPFoundation", package: "ZIPFoundation")], exclude: ["Golden"]),
        .testTarget(name: "RegistersTests", dependencies: ["Registers", "Resolve", "Classify", "Pipeline", "Generator", "MarketShapeCLI", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "PublishTests", dependencies: ["Publish", "Pipeline", "Reports", "Generator"]),
        .testTarget(name: "GeneratorTests", dependencies: ["Generator", "SpendCSV"]),
        .testTarget(name: "FuzzTests", dependencies: ["Fuzzing", "MarketShapeCore", "SpendCSV", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "MarketShapeCLITests", dependencies: ["MarketShapeCLI", "Pipeline", "StageKit", "Ingest", "Resolve", "Warehouse", .product(name: "Logging", package: "swift-log"), .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ]
)
