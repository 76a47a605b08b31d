import MarketShapeCore

/// Renders the report model as one self-contained HTML page: inline CSS and SVG, no scripts or external
/// assets, readable on a phone, printable to A4. Every string from the data is escaped.
public enum HTMLReportWriter {
    /// Escapes text for HTML element content and quoted attributes.
    public static func escape(_ s: String) -> String {
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
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1000px;padding:1rem;color:#1b1b1b;line-height:1.45}
        h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:2px solid #0b5394;padding-bottom:.2rem}
        h3{font-size:1rem;margin:1.2rem 0 .4rem}.meta{color:#555;font-size:.9rem}.cards{display:flex;flex-wrap:wrap;gap:.75rem}
        .card{flex:1 1 200px;border:1px solid #ccd;border-radius:6px;padding:.6rem .8rem;background:#f7f9fc}
        .card .v{font-size:1.4rem;font-weight:600}.card .k{font-size:.85rem;color:#444}.card .b{font-size:.78rem;color:#555;margin-top:.2rem}
        .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{padding:.3rem .5rem;border-bottom:1px solid #dde;text-align:left;vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .miss{color:#a40000;font-weight:600}.met{color:#1e6b2f;font-weight:600}.note{font-size:.85rem;color:#444}
        ol.opps li{margin-bottom:.6rem}.callout{border-left:4px solid #b45f06;background:#fdf6ec;padding:.5rem .8rem;margin:.8rem 0}
        figure{margin:0}figure svg{max-width:640px;display:block}
        @media (max-width:600px){body{padding:.6rem}table{font-size:.78rem}th,td{padding:.25rem .3rem}.card{flex-basis:140px}}
        @page{size:A4;margin:14mm}
        @media print{body{max-width:none;font-size:10pt}h2{break-after:avoid}tr,li,.card{break-inside:avoid}}
        """

    public static func render(_ m: ReportModel) -> String {
        let e = escape
        var h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        h += "<title>\(e(m.body)): supplier ecosystem \(e(m.period.label))</title><style>\(style)</style></head><body>\n"
        h += "<h1>\(e(m.body)): supplier ecosystem, \(e(m.period.label))</h1>\n"
        h += "<p class=\"meta\">\(e(periodText(m))) · pipeline <code>\(e(m.pipeline))</code> · run \(m.runID) · generated \(e(m.generatedAt))</p>\n"

        h += "<h2>Where the money went</h2><div class=\"scroll\"><table><tr><th>Scope</th><th class=\"n\">Spend</th><th class=\"n\">Share</th><th class=\"n\">Payments</th></tr>\n"
        for r in m.scope.rows {
            h += "<tr><td>\(e(r.label))\(r.isMeasured ? " <span class=\"note\">(measured below)</span>" : "")</td><td class=\"n\">\(formatPounds(r.pence, decimals: false))</td><td class=\"n\">\(ReportFormat.percent(r.share))</td><td class=\"n\">\(r.payments)</td></tr>\n"
        }
        h += "<tr><td><strong>All spend</strong></td><td class=\"n\"><strong>\(formatPounds(m.scope.totalPence, decimals: false))</strong></td><td class=\"n\">100%</td><td class=\"n\">\(m.scope.payments)</td></tr></table></div>\n"
        h += "<p class=\"note\">\(e(ReportFormat.scopeNote(m.scope)))</p>\n"
        if !m.scope.outside.isEmpty {
            h += "<details><summary>Largest payees outside the market, and why</summary><div class=\"scroll\"><table><tr><th>Payee</th><th>Scope</th><th class=\"n\">Spend</th><th>Rule</th></tr>\n"
            for o in m.scope.outside {
                h += "<tr><td>\(e(o.name))</td><td>\(e(o.scope))</td><td class=\"n\">\(formatPounds(o.pence, decimals: false))</td><td class=\"note\">\(e(o.rule))</td></tr>\n"
            }
            h += "</table></div></details>\n"
        }

        h += "<h2>Headline</h2><div class=\"cards\">"
        h += card(formatPounds(m.headline.totalPence, decimals: false), "\(ReportFormat.measuredLabel(m.scope)) in \(m.headline.payments) payments to \(m.headline.suppliers) suppliers", nil)
        for s in m.headline.shares {
            let bench = s.benchmarks.map { "\($0.label) \(ReportFormat.percent($0.share)) (\($0.source))" }.joined(separator: "; ")
            let caution = s.share == nil ? (s.shareOfKnown.map { " · \(ReportFormat.percent($0)) of the little that is known" } ?? "")
                : s.coverage < ReportFormat.lowCoverage ? " · low coverage: read with caution" : ""
            h += card(ReportFormat.headlineShare(s), "\(s.label) share of known spend · coverage \(ReportFormat.percent(s.coverage))\(caution) · \(formatPounds(s.pence, decimals: false))", bench.isEmpty ? nil : "Benchmark: " + bench)
        }
        h += "</div>\n<p class=\"note\">Redacted payees: \(formatPounds(m.headline.redactedPence)); purchase cards: \(formatPounds(m.headline.purchaseCardPence)). Both are in the totals and neither counts as a supplier.</p>\n"

        h += "<h2>Targets</h2>"
        if m.targets.isEmpty { h += "<p class=\"note\">The pipeline file sets no targets.</p>\n" } else {
            h += "<div class=\"scroll\"><table><tr><th>Target</th><th class=\"n\">Goal</th><th class=\"n\">Actual</th><th class=\"n\">Gap</th><th class=\"n\">Gap £</th><th>Status</th></tr>\n"
            for t in m.targets {
                let isShare = !["hhi", "cr4"].contains(t.measure)
                let goal = (t.direction == "at least" ? "≥ " : "≤ ") + (isShare ? ReportFormat.percent(t.target) : ReportFormat.hhi(t.target))
                let actual = isShare ? ReportFormat.percent(t.actual) : ReportFormat.hhi(t.actual)
                let gap = t.gapPoints.map { isShare ? String(format: "%.1f pts", $0) : String(format: "%.0f", $0) } ?? "–"
                let status = t.met.map { $0 ? "<span class=\"met\">met</span>" : "<span class=\"miss\">missed</span>" } ?? "unknown"
                let notes = ([isShare ? "coverage \(ReportFormat.percent(t.coverage))" : nil, t.note.isEmpty ? nil : t.note].compactMap { $0 }).joined(separator: " · ")
                h += "<tr><td>\(e(t.label))<div class=\"note\">\(e(notes))</div></td><td class=\"n\">\(e(goal))</td><td class=\"n\">\(e(actual))</td><td class=\"n\">\(e(gap))</td><td class=\"n\">\(t.gapPence.map { formatPounds($0, decimals: false) } ?? "–")</td><td>\(status)</td></tr>\n"
            }
            h += "</table></div>\n"
        }

        h += "<h2>Market-shaping opportunities</h2>"
        if m.opportunities.isEmpty { h += "<p class=\"note\">None found on these rules in this period.</p>\n" } else {
            h += "<ol class=\"opps\">"
            for o in m.opportunities { h += "<li><strong>\(e(o.title))</strong> · \(formatPounds(o.pence, decimals: false))<br><span class=\"note\">\(e(o.detail))</span></li>" }
            h += "</ol>\n<p class=\"note\">Ranked by the pounds behind each: the largest supplier's spend in this period for concentration; for local providers, the service's spend in the place across all payments held.</p>\n"
        }

        if m.trend.isEmpty {
            h += "<h2>Trend</h2><p class=\"note\">\(e(ReportFormat.noTrend))</p>\n"
        } else {
            h += "<h2>Trend</h2>\(trendChart(m.trend))\n<div class=\"scroll\"><table><tr><th>Month</th><th class=\"n\">Spend</th><th class=\"n\">Suppliers</th><th class=\"n\">Local · coverage</th><th class=\"n\">SME · coverage</th><th class=\"n\">VCSE · coverage</th><th class=\"n\">HHI</th></tr>\n"
            for t in m.trend {
                h += "<tr><td>\(e(t.month))</td><td class=\"n\">\(formatPounds(t.totalPence, decimals: false))</td><td class=\"n\">\(t.suppliers)</td><td class=\"n\">\(ReportFormat.trendCell(t.localShare, t.localCoverage))</td><td class=\"n\">\(ReportFormat.trendCell(t.smeShare, t.smeCoverage))</td><td class=\"n\">\(ReportFormat.trendCell(t.vcseShare, t.vcseCoverage))</td><td class=\"n\">\(ReportFormat.hhi(t.hhi))</td></tr>\n"
            }
            h += "</table></div>\n"
        }

        h += "<h2>Concentration by service</h2><div class=\"scroll\"><table><tr><th>Service</th><th class=\"n\">Spend</th><th class=\"n\">Suppliers</th><th class=\"n\">HHI</th><th class=\"n\">CR4</th><th>Band</th><th>Largest supplier</th></tr>\n"
        for s in m.services {
            h += "<tr><td>\(e(s.service))</td><td class=\"n\">\(formatPounds(s.pence, decimals: false))</td><td class=\"n\(s.isThin ? " miss" : "")\">\(s.suppliers)\(s.isThin ? " thin" : "")</td><td class=\"n\">\(ReportFormat.hhi(s.hhi))</td><td class=\"n\">\(ReportFormat.percent(s.cr4))</td><td>\(e(s.band))</td><td>\(e(s.topSupplier ?? "–")) \(s.topShare.map { "(\(ReportFormat.percent($0)))" } ?? "")</td></tr>\n"
        }
        h += "</table></div>\n"

        h += "<h2>Ownership</h2>\(ownershipChart(m.ownership))\n"
        if let c = m.careOwnership {
            h += "<p class=\"callout\">Private-equity-backed providers took <strong>\(ReportFormat.percent(c.share))</strong> of care spend whose ownership is known (\(formatPounds(c.privateEquityPence, decimals: false)) of \(formatPounds(c.knownPence, decimals: false)); ownership is known for \(ReportFormat.percent(c.totalPence != 0 ? Double(c.knownPence) / Double(c.totalPence) : nil)) of \(formatPounds(c.totalPence, decimals: false)) in \(e(c.services.joined(separator: ", "))).</p>\n"
        }
        h += "<h3>Top suppliers</h3><div class=\"scroll\"><table><tr><th>Supplier</th><th class=\"n\">Spend</th><th>Classes</th><th>Ownership</th></tr>\n"
        for s in m.topSuppliers { h += "<tr><td>\(e(s.name))</td><td class=\"n\">\(formatPounds(s.pence, decimals: false))</td><td>\(e(s.classes))</td><td>\(e(s.ownership))</td></tr>\n" }
        h += "</table></div>\n"

        h += "<h2>Entrants and exits</h2>"
        if let d = m.dynamics, let previous = d.previousPeriod {
            h += "<p>\(d.active) suppliers were paid in \(e(m.period.label)): <strong>\(d.entrants ?? 0) new</strong> since \(e(previous)) (\(ReportFormat.percent(d.entrantSpendShare)) of spend) and <strong>\(d.exits ?? 0) not paid again</strong>. Since \(e(previous)): local share \(ReportFormat.points(d.localShareChange.map { $0 * 100 })), SME \(ReportFormat.points(d.smeShareChange.map { $0 * 100 })), VCSE \(ReportFormat.points(d.vcseShareChange.map { $0 * 100 })), HHI \(d.hhiChange.map { String(format: "%+.0f", $0) } ?? "–")\(d.yearAgoPeriod.map { "; HHI since \(e($0)): " + (d.hhiChangeYear.map { String(format: "%+.0f", $0) } ?? "–") } ?? "").</p>\n"
            if let c = d.caveat { h += "<p class=\"callout\">\(e(c))</p>" }
            if !d.entrantNames.isEmpty { h += "<p class=\"note\">Largest entrants: \(e(d.entrantNames.joined(separator: ", "))).</p>" }
            if !d.exitNames.isEmpty { h += "<p class=\"note\">Largest exits: \(e(d.exitNames.joined(separator: ", "))).</p>\n" }
        } else { h += "<p class=\"note\">No previous period in the warehouse to compare with.</p>\n" }

        h += "<h2>Places</h2>"
        if m.places.isEmpty { h += "<p class=\"note\">No place mapping in the pipeline file.</p>\n" }
        for level in m.places {
            h += "<h3>Services by \(e(level.level)) (all payments held)</h3><div class=\"scroll\"><table><tr><th>\(e(level.level.capitalized))</th>"
            for s in level.services { h += "<th class=\"n\">\(e(s))</th>" }
            h += "</tr>\n"
            for (i, place) in level.places.enumerated() {
                h += "<tr><td>\(e(place))</td>"
                for cell in level.cells[i] { h += "<td class=\"n\">\(cell.map { "\(formatPounds($0.pence, decimals: false))<br><span class=\"note\">\($0.suppliers) suppliers</span>" } ?? "–")</td>" }
                h += "</tr>\n"
            }
            h += "</table></div>\n"
            if !level.sharedPlaces.isEmpty {
                h += "<p class=\"note\">Services meeting in the same \(e(level.level)): " + level.sharedPlaces.map { "\(e($0.serviceA)) and \(e($0.serviceB)) share \($0.shared) (Jaccard \(String(format: "%.2f", $0.jaccard)))" }.joined(separator: "; ") + ".</p>\n"
            }
            if !level.crossServiceSuppliers.isEmpty {
                h += "<p class=\"note\">Suppliers working across services in one \(e(level.level)): " + level.crossServiceSuppliers.map { "\(e($0.supplier)) in \(e($0.place)) (\(e($0.services)))" }.joined(separator: "; ") + ".</p>\n"
            }
        }

        h += "<h2>Data quality</h2><div class=\"scroll\"><table><tr><th>File</th><th class=\"n\">Read</th><th class=\"n\">Loaded</th><th class=\"n\">Set aside</th><th class=\"n\">Loaded £</th><th class=\"n\">Set aside £</th></tr>\n"
        for f in m.dataQuality.files {
            h += "<tr><td>\(e(f.name))</td><td class=\"n\">\(f.read)</td><td class=\"n\">\(f.loaded)</td><td class=\"n\">\(f.setAside)</td><td class=\"n\">\(formatPounds(f.loadedPence))</td><td class=\"n\">\(formatPounds(f.setAsidePence))</td></tr>\n"
        }
        h += "</table></div>\n<ul class=\"note\">"
        h += "<li>Rows set aside: \(m.dataQuality.setAsideByReason.isEmpty ? "none" : e(m.dataQuality.setAsideByReason.map { "\($0.reason) \($0.count)" }.joined(separator: ", "))) (each with file and line in <code>rejects.csv</code>).</li>"
        for note in m.dataQuality.notes { h += "<li>\(e(note))</li>" }
        h += "<li>Redacted payees: \(formatPounds(m.dataQuality.redactedPence)).</li>"
        h += "<li>Unresolved payees: \(formatPounds(m.dataQuality.unresolvedPence))\(m.dataQuality.unresolved.isEmpty ? "" : "; largest: " + e(m.dataQuality.unresolved.prefix(5).map { "\($0.name) \(formatPounds($0.pence, decimals: false))" }.joined(separator: ", "))) (see <code>review_queue.csv</code>).</li>"
        for f in m.dataQuality.identifiers {
            h += "<li>\(e(ReportFormat.identifierNote(f)))</li>"
        }
        if m.dataQuality.conflicts > 0 { h += "<li>\(m.dataQuality.conflicts) identifier(s) given to names that cannot be one organisation were kept apart (listed first in <code>review_queue.csv</code>).</li>" }
        h += "<li>Coverage: " + m.headline.shares.map { "\(e($0.label)) \(ReportFormat.percent($0.coverage))" }.joined(separator: ", ") + ".</li>"
        h += "<li>Registers: \(m.dataQuality.registers.isEmpty ? "none loaded" : e(m.dataQuality.registers.map { "\($0.kind) v\($0.version) (\($0.file), \($0.rows) rows)" }.joined(separator: "; "))).</li></ul>\n"

        h += "<h2>Methodology and definitions</h2><dl class=\"note\">"
        for d in m.definitions { h += "<dt><strong>\(e(d.term))</strong></dt><dd>\(e(d.meaning))</dd>" }
        h += "</dl>\n<h2>Provenance</h2><p class=\"note\">Pipeline file <code>\(e(m.provenance.pipelineFile))</code>, run \(m.provenance.runID), generated \(e(m.provenance.generatedAt)). Inputs: "
        h += m.provenance.inputs.map { "\(e($0.name)) (SHA-256 <code>\(e(String($0.sha256.prefix(16))))</code>)" }.joined(separator: ", ") + ".</p>\n</body></html>\n"
        return h
    }

    static func periodText(_ m: ReportModel) -> String {
        let kind = ["month": "Month", "quarter": "Quarter", "financial_year": "Financial year", "rolling_12_months": "Twelve months"][m.period.kind] ?? m.period.kind
        guard let first = m.months.first, let last = m.months.last else { return kind }
        return first == last ? "\(kind) \(first)" : "\(kind): \(first) to \(last)"
    }

    static func card(_ value: String, _ key: String, _ benchmark: String?) -> String {
        "<div class=\"card\"><div class=\"v\">\(escape(value))</div><div class=\"k\">\(escape(key))</div>\(benchmark.map { "<div class=\"b\">\(escape($0))</div>" } ?? "")</div>"
    }

    /// A bar chart of monthly spend, with a caption in plain words.
    static func trendChart(_ trend: [ReportModel.TrendRow]) -> String {
        guard let maxPence = trend.map(\.totalPence).max(), maxPence > 0 else { return "<p class=\"note\">No spend to chart.</p>" }
        let width = 600, height = 160, bar = max(8, min(70, (width - 20) / max(trend.count, 1) - 6))
        // Month labels ("2025-04" is about 4.8 em wide with its margins) shrink to fit the bar spacing.
        let labelSize = min(15, (bar + 6) * 10 / 48)
        var svg = "<svg viewBox=\"0 0 \(width) \(height + 34)\" width=\"100%\" role=\"img\" aria-label=\"Monthly spend\">"
        for (i, t) in trend.enumerated() {
            let h = max(0, Int(Double(max(t.totalPence, 0)) / Double(maxPence) * Double(height - 10)))
            let x = 10 + i * (bar + 6)
            svg += "<rect x=\"\(x)\" y=\"\(height - h)\" width=\"\(bar)\" height=\"\(h)\" fill=\"#0b5394\"><title>\(escape(t.month)): \(formatPounds(t.totalPence))</title></rect>"
            svg += "<text x=\"\(x + bar / 2)\" y=\"\(height + 26)\" font-size=\"\(labelSize)\" text-anchor=\"middle\">\(escape(t.month))</text>"
        }
        svg += "</svg>"
        let first = trend.first!, last = trend.last!
        return "<figure>\(svg)<figcaption class=\"note\">Monthly spend from \(escape(first.month)) (\(formatPounds(first.totalPence, decimals: false))) to \(escape(last.month)) (\(formatPounds(last.totalPence, decimals: false))); the table gives each month's shares and HHI.</figcaption></figure>"
    }

    /// A horizontal bar per ownership model, as a share of all spend.
    static func ownershipChart(_ rows: [ReportModel.OwnershipRow]) -> String {
        guard !rows.isEmpty else { return "<p class=\"note\">No spend.</p>" }
        let rowHeight = 26, labelWidth = 150, barWidth = 380
        var svg = "<svg viewBox=\"0 0 \(labelWidth + barWidth + 90) \(rows.count * rowHeight + 6)\" width=\"100%\" role=\"img\" aria-label=\"Spend by ownership model\">"
        for (i, r) in rows.enumerated() {
            let y = i * rowHeight + 4, w = Int(max(0, r.share ?? 0) * Double(barWidth))
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 16)\" font-size=\"13\" text-anchor=\"end\">\(escape(r.ownership))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"17\" fill=\"\(r.ownership == "private-equity" ? "#b45f06" : r.ownership == "unknown" || r.ownership == "redacted" ? "#999" : "#0b5394")\"></rect>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 16)\" font-size=\"12\">\(ReportFormat.percent(r.share))</text>"
        }
        svg += "</svg>"
        let top = rows.first!
        return "<figure>\(svg)<figcaption class=\"note\">Share of all spend by ownership model; the largest is \(escape(top.ownership)) at \(ReportFormat.percent(top.share)). Grey bars are spend whose ownership is unknown or redacted.</figcaption></figure>"
    }
}
