import MarketShapeCore

/// Renders the report model as one self-contained HTML page: inline CSS and SVG, no scripts or external
/// assets, readable on a phone, printable to A4. Every string from the data is escaped.
public enum HTMLReportWriter {
    /// Escapes text for HTML element content and quoted attributes, without control or bidi-control characters.
    public static func escape(_ text: String) -> String {
        let s = DisplayText.clean(text)
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1000px;padding:1rem;color:#1b1b1b;line-height:1.45;overflow-wrap:anywhere}
        h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #0b5394;padding-bottom:.2rem}
        h3{font-size:1rem;margin:1.2rem 0 .4rem}.meta{color:#555;font-size:.9rem}.cards{display:flex;flex-wrap:wrap;gap:.75rem}
        .card{flex:1 1 200px;border:1px solid #ccd;border-radius:6px;padding:.6rem .8rem;background:#f7f9fc}
        .card .v{font-size:1.4rem;font-weight:600;overflow-wrap:normal}.card .v.nm{font-size:1rem;color:#6b4a00}.card .k{font-size:.85rem;color:#444}.card .b{font-size:.78rem;color:#555;margin-top:.2rem}
        .summary{background:#f3f6fa;border:1px solid #ccd;border-radius:6px;padding:.4rem 1rem .4rem 2rem}.summary li{margin:.3rem 0}
        .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{padding:.3rem .5rem;border-bottom:1px solid #dde;text-align:left;vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .miss{color:#a40000;font-weight:600}.met{color:#1e6b2f;font-weight:600}.unk{color:#6b4a00;font-weight:600}.miss,.met,.unk{white-space:nowrap}.note{font-size:.85rem;color:#444}
        ol.opps li{margin-bottom:.6rem}.callout{border-left:4px solid #b45f06;background:#fdf6ec;padding:.5rem .8rem;margin:.8rem 0}
        details summary{cursor:pointer}details ol{margin:.3rem 0 .5rem 1.2rem;padding:0;font-size:.85rem}
        .entries dt{margin-top:.6rem;font-weight:600}.entries dd{margin:0 0 0 1rem;font-size:.85rem}
        figure{margin:.5rem 0 1rem}figure svg{max-width:460px;display:block}.charts{display:flex;flex-wrap:wrap;gap:1rem}.charts figure{flex:1 1 300px}
        @media (max-width:600px){body{padding:.6rem}table{font-size:.85rem}th,td{padding:.25rem .3rem}.card{flex-basis:140px}.card .v{font-size:1.15rem}
          table.stack tr.h{display:none}table.stack tr{display:block;border-bottom:2px solid #ccd;padding:.3rem 0}
          table.stack td{display:flex;justify-content:space-between;gap:.6rem;border:0;padding:.1rem .2rem;text-align:right;white-space:normal}
          table.stack td::before{content:attr(data-label);font-weight:600;text-align:left;color:#333}table.stack td.first{display:block;text-align:left;font-weight:600}
          table.stack td.first::before{content:none}table.stack td.first .note{font-weight:400}}
        @page{size:A4;margin:14mm}
        @media print{body{max-width:none;font-size:9.5pt}h2{break-after:avoid}tr,li,.card,figure{break-inside:avoid}.scroll{overflow:visible}
          table{font-size:8pt;table-layout:auto}td,th{padding:.15rem .25rem;word-break:break-word}td.n,th.n{white-space:normal}}
        """

    /// A table column: its header and whether its cells are numbers (right-aligned).
    struct Column { var title: String; var numeric = false }

    /// A table that, wider than four columns, stacks each row into labelled lines on a phone: the first cell names the
    /// row, every other cell carries its column's title. Cells are HTML (escaped by the caller).
    static func table(_ columns: [Column], stack: Bool? = nil, _ rows: [[String]]) -> String {
        // Up to four columns fit a phone as they are (unless their text is long); wider tables stack.
        var h = "<div class=\"scroll\"><table\(stack ?? (columns.count > 4) ? " class=\"stack\"" : "")><tr class=\"h\">"
        for c in columns { h += "<th\(c.numeric ? " class=\"n\"" : "")>\(escape(c.title))</th>" }
        h += "</tr>\n"
        for row in rows {
            h += "<tr>"
            for (i, cell) in row.enumerated() {
                let c = columns[min(i, columns.count - 1)]
                h += i == 0 ? "<td class=\"first\">\(cell)</td>" : "<td\(c.numeric ? " class=\"n\"" : "") data-label=\"\(escape(c.title))\">\(cell)</td>"
            }
            h += "</tr>\n"
        }
        return h + "</table></div>\n"
    }

    static func pounds(_ p: Pence) -> String { formatPounds(p, decimals: false) }

    public static func render(_ m: ReportModel) -> String {
        let e = escape
        // Every supplier the report names links to its entry, where it has one.
        let anchors = Dictionary(m.supplierEntries.map { ($0.name, $0.anchor) }, uniquingKeysWith: { first, _ in first })
        func link(_ name: String) -> String { anchors[name].map { "<a href=\"#\($0)\">\(e(name))</a>" } ?? e(name) }
        var h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        h += "<title>\(e(m.body)): supplier ecosystem \(e(m.period.label))</title><style>\(style)</style></head><body>\n"
        h += "<h1>\(e(m.body)): supplier ecosystem, \(e(m.period.label))</h1>\n"
        h += "<p class=\"meta\">\(e(periodText(m))) · pipeline <code>\(e(m.pipeline))</code> · run \(m.runID) · generated \(e(m.generatedAt))</p>\n"
        h += "<p class=\"\(m.periodCoverage.isComplete ? "note" : "callout")\">\(e(m.periodCoverage.text))</p>\n"
        h += "<h2 id=\"summary\">Summary</h2><ul class=\"summary\">" + m.summary.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"

        h += "<h2 id=\"scope\">Where the money went</h2>"
        h += table([Column(title: "Scope"), Column(title: "Spend", numeric: true), Column(title: "Share", numeric: true), Column(title: "Payments", numeric: true)],
                   m.scope.rows.map { r in
                       ["\(e(r.label))\(r.isMeasured ? " <span class=\"note\">(measured below)</span>" : "")", pounds(r.pence), ReportFormat.percent(r.share), "\(r.payments)"]
                   } + [["<strong>All spend</strong>", "<strong>\(pounds(m.scope.totalPence))</strong>", "100%", "\(m.scope.payments)"]])
        h += scopeChart(m.scope)
        h += "<p class=\"note\">\(e(ReportFormat.scopeNote(m.scope)))</p>\n"
        if !m.scope.outside.isEmpty {
            h += "<details><summary>Largest payees outside the market, and why</summary>"
            h += table([Column(title: "Payee"), Column(title: "Scope"), Column(title: "Spend", numeric: true), Column(title: "Rule")], stack: true,
                       m.scope.outside.map { ["\(e($0.name))", e($0.scope), pounds($0.pence), "<span class=\"note\">\(e($0.rule))</span>"] })
            h += "</details>\n"
        }

        h += "<h2 id=\"headline\">Headline</h2><div class=\"cards\">"
        h += card(pounds(m.headline.totalPence), "\(ReportFormat.measuredLabel(m.scope)) in \(ReportFormat.count(m.headline.payments)) payments to \(ReportFormat.count(m.headline.suppliers)) suppliers", nil)
        for s in m.headline.shares {
            let bench = s.benchmarks.map { "\($0.label) \(ReportFormat.percent($0.share)) (\($0.source))" }.joined(separator: "; ")
            if let why = s.notMeasurable {
                let reason = why.hasPrefix("not measurable yet: ") ? String(why.dropFirst("not measurable yet: ".count)) : why
                h += card("\(s.label): not measurable yet", reason + ".", [s.toRaise, bench.isEmpty ? nil : "Benchmark: " + bench].compactMap { $0 }.joined(separator: " "), measurable: false)
            } else {
                h += card(ReportFormat.headlineShare(s), "\(s.label) share of known spend · coverage \(ReportFormat.percent(s.coverage)) · \(pounds(s.pence))", bench.isEmpty ? nil : "Benchmark: " + bench)
            }
        }
        h += "</div>\n<p class=\"note\">Redacted payees: \(formatPounds(m.headline.redactedPence)); purchase cards: \(formatPounds(m.headline.purchaseCardPence)). Both are in the totals and neither counts as a supplier.</p>\n"

        h += "<h2 id=\"targets\">Targets</h2>"
        if m.targets.isEmpty { h += "<p class=\"note\">The pipeline file sets no targets.</p>\n" } else {
            h += table([Column(title: "Target"), Column(title: "Status"), Column(title: "Goal", numeric: true), Column(title: "Actual", numeric: true),
                        Column(title: "Coverage", numeric: true), Column(title: "Gap", numeric: true), Column(title: "Gap £", numeric: true)],
                       m.targets.map { t in
                           let isShare = !["hhi", "cr4"].contains(t.measure)
                           let goal = (t.direction == "at least" ? "≥ " : "≤ ") + (isShare ? ReportFormat.percent(t.target) : ReportFormat.hhi(t.target))
                           let actual = t.actual == nil && isShare ? "not measurable" : isShare ? ReportFormat.percent(t.actual) : ReportFormat.hhi(t.actual)
                           let gap = t.gapPoints.map { isShare ? String(format: "%.1f pts", $0) : ReportFormat.hhi($0) } ?? "–"
                           let status = t.met.map { $0 ? "<span class=\"met\">met</span>" : "<span class=\"miss\">missed</span>" } ?? "<span class=\"unk\">unknown</span>"
                           return ["\(e(t.label))\(t.note.isEmpty ? "" : "<div class=\"note\">\(e(t.note))</div>")", status, e(goal), e(actual),
                                   isShare ? ReportFormat.percent(t.coverage) : "n/a", e(gap), t.gapPence.map(pounds) ?? "–"]
                       })
        }
        h += shareCharts(m)

        h += "<h2 id=\"opportunities\">Market-shaping opportunities</h2>"
        if m.opportunities.isEmpty { h += "<p class=\"note\">None found on these rules in this period.</p>\n" } else {
            h += "<ol class=\"opps\">"
            for o in m.opportunities {
                h += "<li><strong>\(e(o.title))</strong> · \(pounds(o.pence))<br><span class=\"note\">\(e(o.detail))</span><br><span class=\"note\"><strong>Next step:</strong> \(e(o.nextStep))</span></li>"
            }
            h += "</ol>\n<p class=\"note\">One per market, ranked by the pounds at stake: the largest supplier's spend in this period where the market is concentrated, the market's spend where it is thin, and for local providers the service's spend in the place across all payments held. Markets whose spend is mostly to unidentified payees are not judged.</p>\n"
        }

        h += "<h2 id=\"trend\">Trend</h2>"
        if m.trend.isEmpty {
            h += "<p class=\"note\">\(e(ReportFormat.noTrend))</p>\n"
        } else {
            h += trendChart(m.trend)
            h += table([Column(title: "Month"), Column(title: "Spend", numeric: true), Column(title: "Suppliers", numeric: true), Column(title: "Local · coverage", numeric: true),
                        Column(title: "SME · coverage", numeric: true), Column(title: "VCSE · coverage", numeric: true), Column(title: "HHI", numeric: true)],
                       m.trend.map { t in
                           [e(ReportFormat.trendMonth(t)), pounds(t.totalPence), "\(t.suppliers)", ReportFormat.trendCell(t.localShare, t.localCoverage),
                            ReportFormat.trendCell(t.smeShare, t.smeCoverage), ReportFormat.trendCell(t.vcseShare, t.vcseCoverage), ReportFormat.hhi(t.hhi)]
                       })
            h += "<p class=\"note\">\(e(ReportFormat.trendLegend(m.settings.minimumCoverage)))</p>\n"
        }
        h += marketTrendChart(m.marketTrend)

        h += "<h2 id=\"concentration\">Concentration by service</h2>"
        let grouped = m.services.contains { $0.ownerGroups != nil }
        h += table([Column(title: "Service"), Column(title: "Spend", numeric: true), Column(title: "Suppliers", numeric: true), Column(title: "HHI", numeric: true)]
                    + (grouped ? [Column(title: "HHI by owner group", numeric: true)] : [])
                    + [Column(title: "CR4", numeric: true), Column(title: "Band"), Column(title: "Largest supplier"), Column(title: "Named", numeric: true)],
                   m.services.map { s in
                       let name = s.topSuppliers.isEmpty ? e(s.service)
                           : "<details><summary>\(e(s.service))</summary><ol>" + s.topSuppliers.map { t in
                               "<li><a href=\"#\(t.anchor)\">\(e(t.name))</a> \(pounds(t.pence)) (\(ReportFormat.percent(t.share))) · \(e(t.classes))</li>"
                           }.joined() + "</ol></details>"
                       return [name, pounds(s.pence), "<span class=\"\(s.isThin ? "miss" : "")\">\(s.suppliers)\(s.isThin ? " thin" : "")</span>", ReportFormat.hhi(s.hhi)]
                           + (grouped ? [ReportFormat.hhi(s.ownerGroups?.hhi)] : [])
                           + [ReportFormat.percent(s.cr4), e(s.band), "\(s.topSupplier.map(link) ?? "–") \(s.topShare.map { "(\(ReportFormat.percent($0)))" } ?? "")",
                               ReportFormat.percent(s.identifiedCoverage)]
                   })
        if grouped {
            let rises = ReportFormat.commonOwnershipRises(m.services)
            h += "<p class=\"callout\">" + (rises.isEmpty ? "Counting common ownership (companies under one parent's majority control, from the PSC register, as one supplier) changes no market's HHI."
                : "Counting common ownership (companies under one parent's majority control, from the PSC register, as one supplier): " + e(rises.joined(separator: "; ")) + ".") + "</p>\n"
        }
        h += "<p class=\"note\">Open a service to see its largest suppliers. Shares of a market are over its spend to named payees; <em>named</em> is that spend ÷ the market's spend (the rest is redacted). Named is not resolved: a named payee may match no register (see data quality).</p>\n"

        h += "<h2 id=\"ownership\">Ownership</h2>\(ownershipChart(m.ownership))\n"
        if let c = m.careOwnership {
            h += "<p class=\"callout\">\(e(ReportFormat.careOwnership(c, minimum: m.settings.minimumCoverage)))</p>\n"
        }
        h += "<h3>Top suppliers</h3>"
        h += table([Column(title: "Supplier"), Column(title: "Spend", numeric: true), Column(title: "Classes"), Column(title: "Ownership")],
                   m.topSuppliers.map { ["<a href=\"#\($0.anchor)\">\(e($0.name))</a>", pounds($0.pence), e($0.classes), e($0.ownership)] })

        h += "<h2 id=\"dynamics\">Entrants and exits</h2>"
        if let d = m.dynamics, let previous = d.previousPeriod {
            if let c = d.caveat { h += "<p class=\"callout\">\(e(c))</p>" }
            if d.previousIsComplete {
                h += "<p>\(d.active) suppliers were paid in \(e(m.period.label)): <strong>\(d.entrants ?? 0) not paid in \(e(previous))</strong> (\(ReportFormat.percent(d.entrantSpendShare)) of spend) and <strong>\(d.exits ?? 0) paid in \(e(previous)) but not in \(e(m.period.label))</strong>. Since \(e(previous)): \(e(ReportFormat.shareChanges(d))); HHI \(d.hhiChange.map { String(format: "%+.0f", $0) } ?? "–")\(d.yearAgoPeriod.map { "; HHI since \(e($0)): " + (d.hhiChangeYear.map { String(format: "%+.0f", $0) } ?? "–") } ?? "").</p>\n"
                if !d.entrantNames.isEmpty { h += "<p class=\"note\">Largest entrants: \(d.entrantNames.map(link).joined(separator: ", ")).</p>" }
                if !d.exitNames.isEmpty { h += "<p class=\"note\">Largest exits: \(d.exitNames.map(link).joined(separator: ", ")).</p>\n" }
                h += "<p class=\"note\">Month to month, entrants and exits include suppliers paid every few months; a quarter or a year compares more steadily.</p>\n"
            } else {
                h += "<p class=\"note\">Entrants, exits and changes are not shown against an incomplete period.</p>\n"
            }
        } else { h += "<p class=\"note\">No previous period in the warehouse to compare with.</p>\n" }

        h += "<h2 id=\"places\">Places</h2>"
        if m.places.isEmpty { h += "<p class=\"note\">No place mapping in the pipeline file.</p>\n" }
        for level in m.places {
            h += "<h3>Services by \(e(level.level)) (all payments held)</h3><p class=\"note\">Over every payment the warehouse holds, not only this period's. A payment whose mapping places it in several \(e(ReportFormat.plural(level.level))) counts in each, so the \(e(ReportFormat.plural(level.level))) need not add up to the total.</p>"
            h += table([Column(title: level.level.capitalized)] + level.services.map { Column(title: $0, numeric: true) },
                       level.places.enumerated().map { i, place in
                           [e(place)] + level.cells[i].map { cell in cell.map { "\(pounds($0.pence))<br><span class=\"note\">\($0.suppliers) suppliers</span>" } ?? "–" }
                       })
            if !level.sharedPlaces.isEmpty {
                h += "<p class=\"note\">Services meeting in the same \(e(level.level)): " + level.sharedPlaces.map { "\(e($0.serviceA)) and \(e($0.serviceB)) share \($0.shared) (Jaccard \(String(format: "%.2f", $0.jaccard)))" }.joined(separator: "; ") + ".</p>\n"
            }
            if !level.crossServiceSuppliers.isEmpty {
                h += "<p class=\"note\">Suppliers working across services in one \(e(level.level)): " + level.crossServiceSuppliers.map { "\(link($0.supplier)) in \(e($0.place)) (\(e($0.services)))" }.joined(separator: "; ") + ".</p>\n"
            }
        }

        h += "<h2 id=\"data-quality\">Data quality</h2>"
        h += table([Column(title: "File"), Column(title: "Rows read", numeric: true), Column(title: "Rows loaded", numeric: true), Column(title: "Rows set aside", numeric: true),
                    Column(title: "Loaded £", numeric: true), Column(title: "Set aside £", numeric: true)],
                   m.dataQuality.files.map { ["<span style=\"word-break:break-all\">\(e($0.name))</span>", "\($0.read)", "\($0.loaded)", "\($0.setAside)", formatPounds($0.loadedPence), formatPounds($0.setAsidePence)] })
        h += "<ul class=\"note\">"
        h += "<li>Rows set aside: \(m.dataQuality.setAsideByReason.isEmpty ? "none" : e(m.dataQuality.setAsideByReason.map { "\($0.reason) \($0.count)" }.joined(separator: ", "))) (each with file and line in <code>rejects.csv</code>).</li>"
        if let totals = m.dataQuality.setAsideByReason.first(where: { $0.reason == "total_row" }) {
            h += "<li>\(e(ReportFormat.totalsRowNote(totals)))</li>"
        }
        for note in m.dataQuality.notes { h += "<li>\(e(note))</li>" }
        h += "<li>Redacted payees: \(formatPounds(m.dataQuality.redactedPence)).</li>"
        h += "<li>Unresolved payees: \(formatPounds(m.dataQuality.unresolvedPence))\(m.dataQuality.unresolved.isEmpty ? "" : "; largest: " + e(m.dataQuality.unresolved.prefix(5).map { "\($0.name) \(pounds($0.pence))" }.joined(separator: ", "))) (see <code>review_queue.csv</code>).</li>"
        for f in m.dataQuality.identifiers {
            h += "<li>\(e(ReportFormat.identifierNote(f)))</li>"
        }
        if m.dataQuality.conflicts > 0 { h += "<li>\(m.dataQuality.conflicts) identifier(s) given to names that cannot be one organisation were kept apart (listed first in <code>review_queue.csv</code>).</li>" }
        h += "<li>Coverage: " + m.headline.shares.map { "\(e($0.label)) \(ReportFormat.percent($0.coverage))" }.joined(separator: ", ") + " (a share under \(ReportFormat.percent(m.settings.minimumCoverage)) coverage is not measurable).</li>"
        h += "<li>Completeness: \(e(m.periodCoverage.rule)).</li>"
        h += "<li>Registers: \(m.dataQuality.registers.isEmpty ? "none loaded" : e(m.dataQuality.registers.map { "\($0.kind) v\($0.version) (\($0.file), \($0.rows) rows)" }.joined(separator: "; "))).</li></ul>\n"

        h += "<h2 id=\"suppliers\">Suppliers named in this report</h2><dl class=\"entries\">"
        for s in m.supplierEntries {
            h += "<dt id=\"\(e(s.anchor))\">\(e(s.name)) <span class=\"note\">\(e(s.supplierID))</span></dt><dd>\(e(s.resolution))."
            let calls = s.classes.filter { $0.classification != SupplierClass.resolution.rawValue }
            let unknown = [(SupplierClass.local, "local"), (.sme, "SME"), (.vcse, "VCSE")].filter { c in !calls.contains { $0.classification == c.0.rawValue } }.map(\.1)
            h += calls.map { "<br>\(e($0.classification.replacingOccurrences(of: "_", with: " "))) <strong>\(e($0.value))</strong>: \(e($0.detail)) (\(e($0.source)))" }.joined()
            if !unknown.isEmpty { h += "<br>Unknown: \(unknown.joined(separator: ", ")) (no register loaded, override or spend-file column gives evidence)." }
            h += "</dd>"
        }
        h += "</dl>\n"

        h += "<h2 id=\"definitions\">Methodology and definitions</h2><dl class=\"note\">"
        for d in m.definitions { h += "<dt><strong>\(e(d.term))</strong></dt><dd>\(e(d.meaning))</dd>" }
        h += "</dl>\n<h2 id=\"provenance\">Provenance</h2><p class=\"note\">Pipeline file <code>\(e(m.provenance.pipelineFile))</code>, run \(m.provenance.runID), generated \(e(m.provenance.generatedAt)). Inputs: "
        h += m.provenance.inputs.map { "\(e($0.name)) (SHA-256 <code>\(e(String($0.sha256.prefix(16))))</code>)" }.joined(separator: ", ") + ".</p>\n</body></html>\n"
        return h
    }

    /// The period as the page's header names it: `Month 2026-03`, `Quarter: 2026-01 to 2026-03`.
    static func periodText(_ m: ReportModel) -> String {
        let kind = ["month": "Month", "quarter": "Quarter", "financial_year": "Financial year", "rolling_12_months": "Twelve months"][m.period.kind] ?? m.period.kind
        guard let first = m.months.first, let last = m.months.last else { return kind }
        return first == last ? "\(kind) \(first)" : "\(kind): \(first) to \(last)"
    }

    static func card(_ value: String, _ key: String, _ benchmark: String?, measurable: Bool = true) -> String {
        "<div class=\"card\"><div class=\"v\(measurable ? "" : " nm")\">\(escape(value))</div><div class=\"k\">\(escape(key))</div>\(benchmark.map { "<div class=\"b\">\(escape($0))</div>" } ?? "")</div>"
    }
}
