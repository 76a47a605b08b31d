import Foundation
import MarketShapeCore
import SpendCSV

/// Writes a comparison of several bodies: `index.html`, `summary.md`, and under `data/` each table as CSV, all of them
/// as `comparison.xlsx`, and the model as `comparison.json`.
public enum ComparisonWriter {
    public static func write(_ m: ComparisonModel, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        try html(m).write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
        try markdown(m).write(toFile: folder + "/summary.md", atomically: true, encoding: .utf8)
        let t = tables(m)
        for table in t {
            let w = try CSVWriter(path: "\(folder)/data/\(table.name).csv", neutraliseFormulas: true)
            try w.write(table.columns.map(\.key))
            for r in table.rows { try w.write(r.map(\.csv)) }
            try w.close()
        }
        try DataFilesWriter.workbook(t).write(to: "\(folder)/data/comparison.xlsx")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try Data(DisplayText.cleanJSON(Array(encoder.encode(m)))).write(to: URL(fileURLWithPath: "\(folder)/data/comparison.json"))
    }

    /// A share with its coverage and rank: `47.7% · 100.0% · #1`, or `n/m · 12.0%` when not measurable.
    static func shareCell(_ b: ComparisonModel.BodyRow, _ measure: String) -> String {
        guard let s = b.shares.first(where: { $0.measure == measure }) else { return "–" }
        let rank = b.ranks[measure].map { " · #\($0)" } ?? ""
        return "\(s.share.map { ReportFormat.percent($0) } ?? "n/m") · \(ReportFormat.percent(s.coverage))\(rank)"
    }

    static func hhiCell(_ b: ComparisonModel.BodyRow) -> String {
        ReportFormat.hhi(b.hhi) + (b.groupHHI.map { " (groups \(ReportFormat.hhi($0)))" } ?? "") + (b.ranks["hhi"].map { " · #\($0)" } ?? "")
    }

    static func targetsCell(_ b: ComparisonModel.BodyRow) -> String {
        if b.targetsMet + b.targetsMissed + b.targetsUnknown == 0 { return "none set" }
        return "\(b.targetsMet) met, \(b.targetsMissed) missed\(b.targetsUnknown > 0 ? ", \(b.targetsUnknown) unknown" : "")"
    }

    /// The same for HTML: the share on its line, coverage and rank beneath, so columns stay narrow.
    static func shareHTML(_ b: ComparisonModel.BodyRow, _ measure: String) -> String {
        guard let s = b.shares.first(where: { $0.measure == measure }) else { return "–" }
        let rank = b.ranks[measure].map { " · #\($0)" } ?? ""
        return "<span>\(s.share.map { ReportFormat.percent($0) } ?? "n/m")<br><span class=\"note\">cov. \(ReportFormat.percent(s.coverage))\(rank)</span></span>"
    }

    static func hhiHTML(_ b: ComparisonModel.BodyRow) -> String {
        "<span>" + ReportFormat.hhi(b.hhi) + (b.ranks["hhi"].map { " · #\($0)" } ?? "") + (b.groupHHI.map { "<br><span class=\"note\">groups \(ReportFormat.hhi($0))</span>" } ?? "") + "</span>"
    }

    /// The comparison page's own rules on top of the report's: names and periods never broken letter by letter.
    static let style = "td,th{overflow-wrap:normal}td.first{min-width:9rem}td.n,th.n{white-space:normal}th{font-size:.85rem}"

    static func title(_ m: ComparisonModel) -> String {
        "Comparison of \(m.bodies.count) bodies" + (m.requestedPeriod.map { ", \($0)" } ?? ": each body's latest complete period")
    }

    public static func html(_ m: ComparisonModel) -> String {
        let e = HTMLReportWriter.escape
        typealias C = HTMLReportWriter.Column
        var h = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        h += "<title>\(e(title(m)))</title><style>\(HTMLReportWriter.style)\(style)</style></head><body>\n"
        h += "<h1>\(e(title(m)))</h1><p class=\"meta\">generated \(e(m.generatedAt)) · each figure is the one the body's own report shows</p>\n"
        if !m.notes.isEmpty { h += "<ul class=\"note\">" + m.notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n" }
        h += "<h2 id=\"shares\">Shares of market spend</h2>"
        h += HTMLReportWriter.table([C(title: "Body"), C(title: "Period"), C(title: "Market spend", numeric: true), C(title: "Suppliers", numeric: true)]
                                    + m.measures.map { C(title: $0.measure == "hhi" ? "HHI" : $0.label, numeric: true) }
                                    + [C(title: "Targets"), C(title: "Widest gap")],
                                    m.bodies.map { b in
                                        [e(b.body), e(b.period) + (b.isComplete ? "" : " (incomplete)"), HTMLReportWriter.pounds(b.marketPence), "\(b.suppliers)"]
                                            + m.measures.map { $0.measure == "hhi" ? hhiHTML(b) : shareHTML(b, $0.measure) }
                                            + [targetsCell(b), e(b.widestGap ?? "–")]
                                    })
        h += "<p class=\"note\">Each share is over the market spend whose class is known, with that coverage (cov.) beneath and the body's rank. n/m: not measurable (coverage under the body's minimum); a body without a figure is not ranked. Rank 1 is the highest share, or the lowest HHI. HHI by owner group is shown where the body loads the PSC register.</p>\n"
        h += "<h2 id=\"scope\">Spend by scope</h2>"
        let scopes = Scope.allCases.filter { sc in m.bodies.contains { b in b.scope.contains { $0.scope == sc.rawValue } } }
        h += HTMLReportWriter.table([C(title: "Body"), C(title: "All spend", numeric: true)] + scopes.map { C(title: $0.label, numeric: true) },
                                    m.bodies.map { b in
                                        [e(b.body), HTMLReportWriter.pounds(b.allScopesPence)] + scopes.map { sc in
                                            b.scope.first { $0.scope == sc.rawValue }.map { "\(HTMLReportWriter.pounds($0.pence)) · \(ReportFormat.percent($0.share))" } ?? "–"
                                        }
                                    })
        h += "<h2 id=\"markets\">Markets the bodies share</h2>"
        if m.sharedMarkets.isEmpty {
            h += "<p class=\"note\">No service has the same name in two bodies. Councils name services differently; a shared category mapping would align more.</p>\n"
        } else {
            let bodyName = Dictionary(m.bodies.map { ($0.pipeline, $0.body) }, uniquingKeysWith: { a, _ in a })
            h += HTMLReportWriter.table([C(title: "Market"), C(title: "Body"), C(title: "Spend", numeric: true), C(title: "Suppliers", numeric: true),
                                         C(title: "HHI", numeric: true), C(title: "CR4", numeric: true)],
                                        m.sharedMarkets.flatMap { s in s.bodies.map { f in
                                            [e(s.market), e(bodyName[f.pipeline] ?? f.pipeline), HTMLReportWriter.pounds(f.pence), "\(f.suppliers)",
                                             ReportFormat.hhi(f.hhi) + (f.groupHHI.map { " (groups \(ReportFormat.hhi($0)))" } ?? ""), ReportFormat.percent(f.cr4)]
                                        } })
            h += "<p class=\"note\">Markets are matched by service name (case and punctuation aside): the same name in two councils is not always the same market.</p>\n"
        }
        if !m.categoryMarkets.isEmpty {
            let bodyName = Dictionary(m.bodies.map { ($0.pipeline, $0.body) }, uniquingKeysWith: { a, _ in a })
            h += "<h2 id=\"categories\">Markets by common category</h2>"
            h += HTMLReportWriter.table([C(title: "Category"), C(title: "Body"), C(title: "Its services"), C(title: "Spend", numeric: true), C(title: "Suppliers", numeric: true),
                                         C(title: "HHI", numeric: true), C(title: "CR4", numeric: true)],
                                        m.categoryMarkets.flatMap { c in c.bodies.map { f in
                                            [e(c.category), e(bodyName[f.pipeline] ?? f.pipeline), e(f.services.joined(separator: "; ")), HTMLReportWriter.pounds(f.pence), "\(f.suppliers)",
                                             ReportFormat.hhi(f.hhi) + (f.groupHHI.map { "<br><span class=\"note\">groups \(ReportFormat.hhi($0))</span>" } ?? ""), ReportFormat.percent(f.cr4)]
                                        } })
            h += "<p class=\"note\">Each body's services in a category taken together (the mapping of service names to categories is a CSV of patterns: <code>data/registers/market-categories.csv</code> unless --categories names another); concentration over their suppliers' combined net spend.</p>\n"
        }
        if !m.missing.isEmpty { h += "<h2>Left out</h2><ul>" + m.missing.map { "<li>\(e($0.pipeline)): \(e($0.reason))</li>" }.joined() + "</ul>\n" }
        return h + "</body></html>\n"
    }

    public static func markdown(_ m: ComparisonModel) -> String {
        let cell = MarkdownReportWriter.cell
        var out = "# \(cell(title(m)))\n\nGenerated \(m.generatedAt); each figure is the one the body's own report shows.\n\n"
        for n in m.notes { out += "- \(cell(n))\n" }
        out += "\n## Shares of market spend\n\n| body | period | market spend | suppliers | " + m.measures.map { $0.measure == "hhi" ? "HHI · rank" : "\($0.label) · coverage · rank" }.joined(separator: " | ") + " | targets | widest gap |\n"
        out += "|---|---|---:|---:|" + String(repeating: "---:|", count: m.measures.count) + "---|---|\n"
        for b in m.bodies {
            out += "| \(cell(b.body)) | \(b.period)\(b.isComplete ? "" : " (incomplete)") | \(formatPounds(b.marketPence, decimals: false)) | \(b.suppliers) | "
                + m.measures.map { $0.measure == "hhi" ? hhiCell(b) : shareCell(b, $0.measure) }.joined(separator: " | ") + " | \(targetsCell(b)) | \(cell(b.widestGap ?? "–")) |\n"
        }
        out += "\nA share is of the market spend whose class is known, beside that coverage; n/m: not measurable; a body without a figure is not ranked, and ranks are given only where two or more bodies have one. Rank 1 is the highest share, or the lowest HHI. HHI by owner group (groups …) is shown where the body loads the PSC register.\n"
        let scopes = Scope.allCases.filter { sc in m.bodies.contains { b in b.scope.contains { $0.scope == sc.rawValue } } }
        out += "\n## Spend by scope\n\n| body | all spend | " + scopes.map(\.label).joined(separator: " | ") + " |\n|---|---:|" + String(repeating: "---:|", count: scopes.count) + "\n"
        for b in m.bodies {
            out += "| \(cell(b.body)) | \(formatPounds(b.allScopesPence, decimals: false)) | " + scopes.map { sc in
                b.scope.first { $0.scope == sc.rawValue }.map { "\(formatPounds($0.pence, decimals: false)) · \(ReportFormat.percent($0.share))" } ?? "–"
            }.joined(separator: " | ") + " |\n"
        }
        out += "\n## Markets the bodies share\n\n"
        if m.sharedMarkets.isEmpty { out += "No service has the same name in two bodies.\n" }
        else {
            out += "| market | body | spend | suppliers | HHI | CR4 |\n|---|---|---:|---:|---:|---:|\n"
            let bodyName = Dictionary(m.bodies.map { ($0.pipeline, $0.body) }, uniquingKeysWith: { a, _ in a })
            for s in m.sharedMarkets {
                for f in s.bodies {
                    out += "| \(cell(s.market)) | \(cell(bodyName[f.pipeline] ?? f.pipeline)) | \(formatPounds(f.pence, decimals: false)) | \(f.suppliers) | \(ReportFormat.hhi(f.hhi)) | \(ReportFormat.percent(f.cr4)) |\n"
                }
            }
        }
        if !m.categoryMarkets.isEmpty {
            let bodyName = Dictionary(m.bodies.map { ($0.pipeline, $0.body) }, uniquingKeysWith: { a, _ in a })
            out += "\n## Markets by common category\n\nEach body's services in a category taken together; concentration over their suppliers' combined net spend.\n\n| category | body | its services | spend | suppliers | HHI | CR4 |\n|---|---|---|---:|---:|---:|---:|\n"
            for c in m.categoryMarkets {
                for f in c.bodies {
                    out += "| \(cell(c.category)) | \(cell(bodyName[f.pipeline] ?? f.pipeline)) | \(cell(f.services.joined(separator: "; "))) | \(formatPounds(f.pence, decimals: false)) | \(f.suppliers) | \(ReportFormat.hhi(f.hhi))\(f.groupHHI.map { " (groups \(ReportFormat.hhi($0)))" } ?? "") | \(ReportFormat.percent(f.cr4)) |\n"
                }
            }
        }
        for missing in m.missing { out += "\nLeft out: \(cell(missing.pipeline)): \(cell(missing.reason))\n" }
        return out
    }

    /// The comparison's tables, for CSV and the workbook.
    static func tables(_ m: ComparisonModel) -> [ReportTable] {
        let shareColumns = m.measures.filter { $0.measure != "hhi" }.flatMap { [("\($0.measure)", "\($0.label) share"), ("\($0.measure)_coverage", "\($0.label) coverage"), ("\($0.measure)_rank", "\($0.label) rank")] }
        let bodies = ReportTable("bodies", "Bodies", [("pipeline", "Pipeline"), ("body", "Body"), ("period", "Period"), ("is_complete", "Complete"),
                                                      ("market_pence", "Market spend"), ("all_scopes_pence", "All spend"), ("suppliers_count", "Suppliers")]
                                 + shareColumns + [("hhi", "HHI"), ("hhi_rank", "HHI rank"), ("cr4_share", "CR4"), ("group_hhi", "HHI by owner group"),
                                                   ("targets_met", "Targets met"), ("targets_missed", "Targets missed"), ("widest_gap", "Widest gap")],
                                 m.bodies.map { b in
                                     var row: [ReportTable.Value] = [.text(b.pipeline), .text(b.body), .text(b.period), .flag(b.isComplete), .pence(b.marketPence),
                                                                     .pence(b.allScopesPence), .integer(b.suppliers)]
                                     for measure in m.measures where measure.measure != "hhi" {
                                         let s = b.shares.first { $0.measure == measure.measure }
                                         row += [.fraction(s?.share), .fraction(s?.coverage), b.ranks[measure.measure].map { .integer($0) } ?? .text("")]
                                     }
                                     return row + [.decimal(b.hhi, places: 4, shown: 0), b.ranks["hhi"].map { .integer($0) } ?? .text(""), .fraction(b.cr4),
                                                   .decimal(b.groupHHI, places: 4, shown: 0), .integer(b.targetsMet), .integer(b.targetsMissed), .text(b.widestGap ?? "")]
                                 })
        let scope = ReportTable("scope", "Spend by scope", [("pipeline", "Pipeline"), ("scope", "Scope"), ("spend_pence", "Spend"), ("share_of_all_spend", "Share")],
                                m.bodies.flatMap { b in b.scope.map { [.text(b.pipeline), .text($0.scope), .pence($0.pence), .fraction($0.share)] } })
        let markets = ReportTable("shared_markets", "Shared markets", [("market", "Market"), ("pipeline", "Pipeline"), ("spend_pence", "Spend"),
                                                                       ("suppliers_count", "Suppliers"), ("hhi", "HHI"), ("cr4_share", "CR4"), ("group_hhi", "HHI by owner group")],
                                  m.sharedMarkets.flatMap { s in s.bodies.map { f in
                                      [.text(s.market), .text(f.pipeline), .pence(f.pence), .integer(f.suppliers), .decimal(f.hhi, places: 4, shown: 0), .fraction(f.cr4),
                                       .decimal(f.groupHHI, places: 4, shown: 0)]
                                  } })
        let categories = ReportTable("category_markets", "Markets by category", [("category", "Category"), ("pipeline", "Pipeline"), ("services", "Services"),
                                                                             ("spend_pence", "Spend"), ("suppliers_count", "Suppliers"), ("hhi", "HHI"), ("cr4_share", "CR4"),
                                                                             ("group_hhi", "HHI by owner group")],
                                     m.categoryMarkets.flatMap { c in c.bodies.map { f in
                                         [.text(c.category), .text(f.pipeline), .text(f.services.joined(separator: "; ")), .pence(f.pence), .integer(f.suppliers),
                                          .decimal(f.hhi, places: 4, shown: 0), .fraction(f.cr4), .decimal(f.groupHHI, places: 4, shown: 0)]
                                     } })
        return [bodies, scope, markets, categories]
    }
}
