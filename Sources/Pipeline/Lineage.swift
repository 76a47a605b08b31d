import Foundation
import MarketShapeCore
import StageKit
import Warehouse

/// What each stage's tables were built from (`stage_builds`), and whether what the stage would read now is what
/// it read then. A stage's inputs are the settings that matter to it, the register versions, and the build (run)
/// of each stage it reads; ingest's are the current files, each by source path, SHA-256 and reading settings.
/// A stage is current when its recorded inputs equal its inputs now and every stage it reads is current.
public struct Lineage {
    public let warehouse: WarehouseStore
    public let config: PipelineConfig

    public init(warehouse: WarehouseStore, config: PipelineConfig) {
        self.warehouse = warehouse
        self.config = config
    }

    /// The stages each stage reads the tables of.
    public static let reads: [StageName: [StageName]] = [
        .ingest: [], .resolve: [.ingest], .classify: [.ingest, .resolve], .places: [.ingest, .resolve, .classify],
        .measure: [.ingest, .resolve, .classify, .places], .report: [.ingest, .resolve, .classify, .places, .measure],
    ]

    /// The tables each stage owns (writes, and no other stage writes).
    public static let tables: [StageName: [String]] = [
        .ingest: ["source_files", "stg_lines", "stg_payees", "stg_contexts", "stg_rejects", "stg_file_payees", "stg_tallies"],
        .resolve: ["register_versions", "reg_*", "dim_suppliers", "map_payee_suppliers", "supplier_evidence", "resolution_conflicts", "identifier_flags"],
        .classify: ["map_payment_scope", "map_scope_files", "dim_suppliers (class columns)", "supplier_evidence (class evidence)"],
        .places: ["map_places"],
        .measure: ["mart_*"],
        .report: ["rpt_totals", "the report folder"],
    ]

    /// One recorded build: the run that built the stage and the digest of what it read.
    public struct Build: Sendable, Equatable {
        public var runID: Int
        public var inputsDigest: String
    }

    /// The recorded build of every stage built so far.
    public func builds() throws -> [StageName: Build] {
        struct Row: Decodable { var stage: String; var run_id: Int; var inputs_digest: String }
        var builds: [StageName: Build] = [:]
        for row in try warehouse.fetch(Row.self, "SELECT stage, run_id, inputs_digest FROM stage_builds") {
            if let stage = StageName(rawValue: row.stage) { builds[stage] = Build(runID: row.run_id, inputsDigest: row.inputs_digest) }
        }
        return builds
    }

    /// The inputs of `stage` as they stand now, as canonical JSON (its digest is what a build records).
    public func inputs(of stage: StageName, builds: [StageName: Build]) throws -> String {
        var parts: [String: String] = ["stage": stage.rawValue]
        switch stage {
        case .ingest:
            // By file id, bytes and settings: a file that moved is still the same input (its path is recorded beside).
            struct File: Decodable { var file_id: Int; var sha256: String; var settings_digest: String?; var source_path: String? }
            let files = try warehouse.fetch(File.self, "SELECT file_id, sha256, settings_digest, source_path FROM source_files WHERE is_current = 1 ORDER BY file_id")
            parts["files"] = files.map { "\($0.file_id) \($0.sha256) \($0.settings_digest ?? "")" }.joined(separator: "; ")
            parts[Self.aside + "paths"] = files.map { $0.source_path ?? "" }.joined(separator: "; ")
        case .resolve, .classify, .places, .measure, .report:
            parts["settings"] = TextDigest.sha256(config.analysisSettingsJSON())
            // Only from version 2: the first version adds nothing, so warehouses built before rules were versioned stay current.
            if stage.rulesVersion > 1 { parts["rules"] = "\(stage.rulesVersion)" }
            struct Register: Decodable { var kind: String; var version_id: Int; var sha256: String }
            parts["registers"] = try warehouse.fetch(Register.self, "SELECT kind, version_id, sha256 FROM register_versions WHERE is_current = 1 ORDER BY kind")
                .map { "\($0.kind) v\($0.version_id) \($0.sha256)" }.joined(separator: "; ")
            for upstream in Self.reads[stage] ?? [] { parts["built_by_run.\(upstream.rawValue)"] = builds[upstream].map { "\($0.runID)" } ?? "never" }
            if stage == .report, let settings = config.reportSettings {
                parts["report_settings"] = "complete_month_share \(settings.completeMonthShare), minimum_coverage \(settings.minimumCoverage)"
            }
            if stage == .places, let places = config.places { parts["places_file"] = (try? FileDigest.sha256(path: places)) ?? "unreadable" }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(parts), as: UTF8.self)
    }

    /// Inputs under keys with this prefix are recorded for people but are not part of the digest.
    static let aside = "about."

    /// The digest a build records of `inputs(of:)`: everything but what is recorded aside.
    public static func digest(_ inputs: String) -> String {
        guard var parts = try? JSONDecoder().decode([String: String].self, from: Data(inputs.utf8)) else { return TextDigest.sha256(inputs) }
        parts = parts.filter { !$0.key.hasPrefix(aside) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return TextDigest.sha256((try? encoder.encode(parts)).map { String(decoding: $0, as: UTF8.self) } ?? inputs)
    }

    /// The digest of `stage`'s inputs as they stand now.
    public func digest(of stage: StageName, builds: [StageName: Build]) throws -> String {
        Self.digest(try inputs(of: stage, builds: builds))
    }

    /// Why `stage`'s tables do not match what it would read now, or nil when they do (itself and everything it reads).
    public func staleness(of stage: StageName, builds: [StageName: Build]) throws -> String? {
        for upstream in Self.reads[stage] ?? [] {
            if let why = try staleness(of: upstream, builds: builds) { return why }
        }
        guard let build = builds[stage] else { return "\(stage.rawValue) has never been built" }
        if try digest(of: stage, builds: builds) == build.inputsDigest { return nil }
        if stage == .ingest { return "the current spend files changed after run \(build.runID) built the staging tables the later stages read" }
        let rebuilt = (Self.reads[stage] ?? []).filter { (builds[$0]?.runID ?? 0) > build.runID }
        if !rebuilt.isEmpty {
            let names = rebuilt.map { "\($0.rawValue) (run \(builds[$0]!.runID))" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            return "\(stage.rawValue) was built by run \(build.runID), before \(list) \(names.count == 1 ? "was" : "were") rebuilt"
        }
        return "\(stage.rawValue) was built by run \(build.runID) with other settings or registers than the pipeline has now"
    }

    /// Records that `runID` built `stage` from what it reads now. Ingest's build is kept while the current files are
    /// the same, so a run that finds nothing new leaves the later stages current.
    public func record(_ stage: StageName, runID: Int, builds: [StageName: Build]) throws {
        let inputs = try inputs(of: stage, builds: builds)
        let digest = Self.digest(inputs)
        if stage == .ingest, builds[.ingest]?.inputsDigest == digest { return }
        try warehouse.run("""
            INSERT INTO stage_builds (stage, run_id, inputs_digest, lineage_json, built_at) VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
            ON CONFLICT (stage) DO UPDATE SET run_id = excluded.run_id, inputs_digest = excluded.inputs_digest,
              lineage_json = excluded.lineage_json, built_at = excluded.built_at
            """, [.text(stage.rawValue), .integer(runID), .text(digest), .text(inputs)])
        try warehouse.run("UPDATE run_stages SET inputs_digest = ? WHERE run_id = ? AND stage = ?", [.text(digest), .integer(runID), .text(stage.rawValue)])
    }
}

/// `--only` or `--from` would read tables built from other inputs than the pipeline has now: nothing ran.
public struct StaleInputsError: Error, CustomStringConvertible, ExitStatusProviding {
    public var stage: StageName
    public var reason: String
    public var pipelineFile: String
    public var exitStatus: ExitStatus { .dataQuality }

    public init(stage: StageName, reason: String, pipelineFile: String) {
        self.stage = stage; self.reason = reason; self.pipelineFile = pipelineFile
    }
    public var description: String {
        "\(stage.rawValue) would read stale tables: \(reason). Nothing ran. Run `marketshape run \(pipelineFile)` to rebuild what changed."
    }
}
