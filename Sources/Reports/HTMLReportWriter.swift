import MarketShapeCore

/// Renders the report model as one self-contained HTML page (inline CSS, no scripts, no external assets).
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
        .meta{color:#555;font-size:.9rem}.cards{display:flex;flex-wrap:wrap;gap:.75rem}
        .card{flex:1 1 180px;border:1px solid #ccd;border-radius:6px;padding:.6rem .8rem;background:#f7f9fc}
        .card .v{font-size:1.4rem;font-weight:600}.card .k{font-size:.85rem;color:#444}
        .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{padding:.3rem .5rem;border-bottom:1px solid #dde;text-align:left;vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        .thin{color:#a40000;font-weight:600}.note{font-size:.85rem;color:#444}
        figure svg{max-width:640px;display:block}
        @media (max-width:600px){body{padding:.6rem}table{font-size:.78rem}th,td{padding:.25rem .3rem}.card{flex-basis:140px}}
        @media print{body{max-width:none;font-size:10pt}h2{break-after:avoid}tr{break-inside:avoid}}
        """

    public static func render(_ m: ReportModel) -> String {
        let e = escape
        var h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        h += "<title>\(e(m.body)): supplier ecosystem \(e(m.period))</title><style>\(style)</style></head><body>\n"
        h += "<h1>\(e(m.body)): supplier ecosystem, \(e(m.period))</h1>\n"
        h += "<p class=\"meta\">Pipeline <code>\(e(m.pipeline))</code> · run \(m.runID) · generated \(e(m.generatedAt))</p>\n"
        h += "<h2>Headline</h2><div class=\"cards\">"
        h += "<div class=\"card\"><div class=\"v\">\(formatPounds(m.totalPence, decimals: false))</div><div class=\"k\">spend in \(m.payments) payments</div></div>"
        h += "<div class=\"card\"><div class=\"v\">\(m.suppliers)</div><div class=\"k\">suppliers paid</div></div>"
        for s in m.shares {
            h += "<div class=\"card\"><div class=\"v\">\(ReportFormat.percent(s.share))</div><div class=\"k\">\(e(s.label)) share of known spend · coverage \(ReportFormat.percent(s.coverage))</div></div>"
        }
        h += "</div>\n<p class=\"note\">A share is of the spend whose class is known; coverage is how much of all spend that is. Redacted payees: \(formatPounds(m.redactedPence)); purchase cards: \(formatPounds(m.purchaseCardPence)). Local means: \(e(m.localDefinition)).</p>\n"
        h += "<h2>Trend</h2>\(trendChart(m.trend))\n"
        h += "<h2>Concentration by service</h2><div class=\"scroll\"><table><tr><th>Service</th><th class=\"n\">Spend</th><th class=\"n\">Suppliers</th><th class=\"n\">HHI</th><th class=\"n\">CR4</th><th>Band</th></tr>\n"
        for s in m.services {
            h += "<tr><td>\(e(s.service))</td><td class=\"n\">\(formatPounds(s.pence))</td><td class=\"n\(s.isThin ? " thin" : "")\">\(s.suppliers)\(s.isThin ? " thin" : "")</td><td class=\"n\">\(ReportFormat.hhi(s.hhi))</td><td class=\"n\">\(ReportFormat.percent(s.cr4))</td><td>\(e(s.band))</td></tr>\n"
        }
        h += "</table></div>\n<h2>Top suppliers</h2><div class=\"scroll\"><table><tr><th>Supplier</th><th class=\"n\">Spend</th><th>Classes (on the evidence held)</th></tr>\n"
        for s in m.topSuppliers { h += "<tr><td>\(e(s.name))</td><td class=\"n\">\(formatPounds(s.pence))</td><td>\(e(s.classes))</td></tr>\n" }
        h += "</table></div>\n<h2>Data quality</h2><div class=\"scroll\"><table><tr><th>File</th><th class=\"n\">Read</th><th class=\"n\">Loaded</th><th class=\"n\">Set aside</th><th class=\"n\">Loaded £</th><th class=\"n\">Set aside £</th><th>SHA-256</th></tr>\n"
        for f in m.files {
            h += "<tr><td>\(e(f.name))</td><td class=\"n\">\(f.read)</td><td class=\"n\">\(f.loaded)</td><td class=\"n\">\(f.setAside)</td><td class=\"n\">\(formatPounds(f.loadedPence))</td><td class=\"n\">\(formatPounds(f.setAsidePence))</td><td><code>\(e(String(f.sha256.prefix(12))))</code></td></tr>\n"
        }
        h += "</table></div>\n"
        if !m.setAsideReasons.isEmpty {
            h += "<p class=\"note\">Rows set aside, by reason: \(e(m.setAsideReasons.map { "\($0.reason) \($0.count)" }.joined(separator: ", "))). Every one is listed with file and line in <code>rejects.csv</code>.</p>\n"
        }
        h += "</body></html>\n"
        return h
    }

    /// A bar chart of monthly spend, with a caption in plain words.
    static func trendChart(_ trend: [ReportModel.TrendRow]) -> String {
        guard let maxPence = trend.map(\.pence).max(), maxPence > 0 else { return "<p class=\"note\">No spend to chart.</p>" }
        let width = 600, height = 160, bar = max(8, min(70, (width - 20) / max(trend.count, 1) - 6))
        // Month labels ("2025-04" is about 4.8 em wide with its margins) shrink to fit the bar spacing.
        let labelSize = min(15, (bar + 6) * 10 / 48)
        var svg = "<svg viewBox=\"0 0 \(width) \(height + 34)\" width=\"100%\" role=\"img\" aria-label=\"Monthly spend\">"
        for (i, t) in trend.enumerated() {
            let h = max(0, Int(Double(t.pence) / Double(maxPence) * Double(height - 10)))
            let x = 10 + i * (bar + 6)
            svg += "<rect x=\"\(x)\" y=\"\(height - h)\" width=\"\(bar)\" height=\"\(h)\" fill=\"#0b5394\"><title>\(t.month): \(formatPounds(t.pence))</title></rect>"
            svg += "<text x=\"\(x + bar / 2)\" y=\"\(height + 26)\" font-size=\"\(labelSize)\" text-anchor=\"middle\">\(t.month)</text>"
        }
        svg += "</svg>"
        let first = trend.first!, last = trend.last!
        return "<figure style=\"margin:0\">\(svg)<figcaption class=\"note\">Monthly spend from \(first.month) (\(formatPounds(first.pence, decimals: false))) to \(last.month) (\(formatPounds(last.pence, decimals: false))).</figcaption></figure>"
    }
}
