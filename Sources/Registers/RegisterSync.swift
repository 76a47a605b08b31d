import Foundation
import MarketShapeCore
import StageKit
import Warehouse

/// Brings the pipeline's registers into the warehouse: each configured file is imported when its bytes
/// differ from the current version, so a re-run with unchanged registers costs one hash per file.
public enum RegisterSync {
    /// Imports what changed, once per run: a second call in the same run does nothing.
    @discardableResult
    public static func sync(_ context: StageContext) throws -> [RegisterImport] {
        if context.registersSynced { return [] }
        defer { context.registersSynced = true }
        let configured = configuredPaths(context.config.registers)
        var results: [RegisterImport] = []
        for case let (kind, path?) in configured {
            let meter = context.console.meter(file: path, label: "\(kind.title) \(URL(fileURLWithPath: path).lastPathComponent)")
            defer { meter.finish() }
            let result = try RegisterImporter(warehouse: context.warehouse).importFile(kind, path: path, meter: meter)
            context.console.line("  " + result.summaryLine)
            results.append(result)
        }
        return results
    }

    /// Each register kind with the file the pipeline names for it (nil: none).
    public static func configuredPaths(_ r: PipelineConfig.Registers) -> [(RegisterKind, String?)] {
        [(.companiesHouse, r.companiesHouse), (.charityCommission, r.charityCommission), (.fcaMutuals, r.fcaMutuals), (.postcodes, r.postcodes),
         (.overrides, r.overrides), (.localAuthorities, r.localAuthorities), (.localAuthorityNames, r.localAuthorityNames),
         (.academyTrusts, r.academyTrusts), (.independentSchools, r.independentSchools), (.charityCompanyLinks, r.charityCompanyLinks),
         (.cioCompanyLinks, r.cioCompanyLinks), (.mutualCompanyLinks, r.mutualCompanyLinks), (.organisationCompanyLinks, r.organisationCompanyLinks),
         (.psc, r.psc), (.investmentFirms, r.investmentFirms)]
    }

    /// `Companies House v3` style labels of the current register versions, for evidence.
    public static func currentVersions(_ warehouse: WarehouseStore) throws -> [RegisterKind: String] {
        var labels: [RegisterKind: String] = [:]
        struct Version: Decodable { var kind: String; var version_id: Int; var digest: String }
        for row in try warehouse.fetch(Version.self, "SELECT kind, version_id, substr(sha256, 1, 8) AS digest FROM register_versions WHERE is_current = 1") {
            if let kind = RegisterKind(rawValue: row.kind) {
                labels[kind] = "\(kind.title) v\(row.version_id) (\(row.digest))"
            }
        }
        return labels
    }
}
