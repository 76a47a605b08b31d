import MarketShapeCore

/// The report's charts as inline SVG: drawn in a 360-unit-wide box so that on a 390 px phone a label of 11 units is
/// 11 px, with axes, units and a caption in words. A chart is drawn only from two complete months or more; an
/// incomplete or negative month is never drawn as a bar of spend.
extension HTMLReportWriter {
    static let chartWidth = 360
    static let palette = ["#0b5394", "#b45f06", "#38761d", "#741b47"]

    /// `£1.2bn`, `£12.3m`, `£45k`, `£120`: an axis label.
    static func compactPounds(_ pence: Double) -> String {
        let pounds = pence / 100
        switch abs(pounds) {
        case 1e9...: return String(format: "£%.1fbn", pounds / 1e9)
        case 1e6...: return String(format: "£%.1fm", pounds / 1e6)
        case 1e3...: return String(format: "£%.0fk", pounds / 1e3)
        default: return String(format: "£%.0f", pounds)
        }
    }

    /// The x positions and labels of `n` points across the plot, labelling every k-th so that labels do not overlap.
    static func xAxis(_ labels: [String], left: Int, width: Int, y: Int) -> (xs: [Double], svg: String) {
        let n = labels.count
        let step = Double(width) / Double(max(n, 1))
        let xs = (0..<n).map { Double(left) + step * (Double($0) + 0.5) }
        let every = max(1, Int((54.0 / step).rounded(.up)))   // a `2025-04` label is about 45 units wide, with a gap
        var svg = ""
        for (i, label) in labels.enumerated() where (n - 1 - i) % every == 0 {
            svg += "<text x=\"\(Int(xs[i]))\" y=\"\(y)\" font-size=\"11\" text-anchor=\"middle\">\(escape(label))</text>"
        }
        return (xs, svg)
    }

    /// Horizontal gridlines with labels on the left.
    static func yGrid(_ ticks: [(value: Double, label: String)], top: Int, height: Int, left: Int, right: Int, max: Double) -> String {
        ticks.map { t in
            let y = Double(top + height) - t.value / max * Double(height)
            return "<line x1=\"\(left)\" x2=\"\(right)\" y1=\"\(Int(y))\" y2=\"\(Int(y))\" stroke=\"#ccc\" stroke-width=\"1\"></line>"
                + "<text x=\"\(left - 4)\" y=\"\(Int(y) + 4)\" font-size=\"11\" text-anchor=\"end\">\(escape(t.label))</text>"
        }.joined()
    }

    /// Monthly spend of the trend's complete months as bars, with a pounds axis.
    static func trendChart(_ trend: [ReportModel.TrendRow]) -> String {
        let shown = trend.filter { $0.isComplete && $0.totalPence > 0 }
        let left = trend.filter { !$0.isComplete || $0.totalPence <= 0 }.map(\.month)
        guard shown.count >= 2, let top = shown.map(\.totalPence).max() else {
            return "<p class=\"note\">No spend chart: fewer than two complete months to draw.</p>"
        }
        let (l, t, w, hgt) = (52, 8, chartWidth - 80, 130)
        let maxValue = Double(top) * 1.05
        var svg = "<svg viewBox=\"0 0 \(chartWidth) \(t + hgt + 24)\" width=\"100%\" role=\"img\" aria-label=\"Market spend by complete month\">"
        svg += yGrid([0, 0.5, 1].map { (Double(top) * $0, compactPounds(Double(top) * $0)) }, top: t, height: hgt, left: l, right: l + w, max: maxValue)
        let axis = xAxis(shown.map(\.month), left: l, width: w, y: t + hgt + 16)
        let bar = max(3, Double(w) / Double(shown.count) * 0.7)
        for (i, r) in shown.enumerated() {
            let h = Double(r.totalPence) / maxValue * Double(hgt)
            svg += "<rect x=\"\(Int(axis.xs[i] - bar / 2))\" y=\"\(Int(Double(t + hgt) - h))\" width=\"\(Int(bar))\" height=\"\(Int(h))\" fill=\"#0b5394\"><title>\(escape(r.month)): \(formatPounds(r.totalPence))</title></rect>"
        }
        svg += axis.svg + "</svg>"
        let first = shown.first!, last = shown.last!
        return "<figure>\(svg)<figcaption class=\"note\">Market spend by complete month, \(escape(first.month)) (\(pounds(first.totalPence))) to \(escape(last.month)) (\(pounds(last.totalPence)))"
            + (left.isEmpty ? "" : "; not drawn: \(escape(left.joined(separator: ", "))) (incomplete, or no positive spend)") + ". The table gives each month's shares, coverage and HHI.</figcaption></figure>\n"
    }

    /// One small chart per class: its share of known spend by complete month (line), its coverage (grey bars) and the
    /// pipeline's whole-body target (dashed).
    static func shareCharts(_ m: ReportModel) -> String {
        let months = m.trend.filter(\.isComplete)
        guard months.count >= 2 else { return "" }
        let classes: [(label: String, measure: String, share: KeyPath<ReportModel.TrendRow, Double?>, coverage: KeyPath<ReportModel.TrendRow, Double>)] = [
            ("Local", "local_share", \.localShare, \.localCoverage), ("SME", "sme_share", \.smeShare, \.smeCoverage), ("VCSE", "vcse_share", \.vcseShare, \.vcseCoverage)]
        var out = "<h3>Shares by complete month\(m.targets.isEmpty ? "" : ", against the targets")</h3><div class=\"charts\">"
        for c in classes {
            let target = m.targets.first { $0.measure == c.measure && $0.segment == "whole body" && $0.direction == "at least" }?.target
            let points = months.map { ($0.month, $0[keyPath: c.share], $0[keyPath: c.coverage]) }
            let measurable = points.filter { $0.1 != nil }.count
            guard measurable >= 2 else {
                out += "<figure><figcaption class=\"note\"><strong>\(c.label)</strong>: no chart; the share is measurable in \(measurable) of \(months.count) complete months (coverage under \(ReportFormat.percent(m.settings.minimumCoverage)) in the others).</figcaption></figure>"
                continue
            }
            let (l, t, w, hgt) = (40, 8, chartWidth - 66, 110)
            var svg = "<svg viewBox=\"0 0 \(chartWidth) \(t + hgt + 24)\" width=\"100%\" role=\"img\" aria-label=\"\(c.label) share by month\">"
            svg += yGrid([(0, "0%"), (0.5, "50%"), (1, "100%")], top: t, height: hgt, left: l, right: l + w, max: 1)
            let axis = xAxis(points.map(\.0), left: l, width: w, y: t + hgt + 16)
            let bar = max(3, Double(w) / Double(points.count) * 0.6)
            func y(_ v: Double) -> Int { Int(Double(t + hgt) - v * Double(hgt)) }
            for (i, p) in points.enumerated() {
                svg += "<rect x=\"\(Int(axis.xs[i] - bar / 2))\" y=\"\(y(p.2))\" width=\"\(Int(bar))\" height=\"\(t + hgt - y(p.2))\" fill=\"#e3e3e3\"><title>\(escape(p.0)): coverage \(ReportFormat.percent(p.2))</title></rect>"
            }
            if let target { svg += "<line x1=\"\(l)\" x2=\"\(l + w)\" y1=\"\(y(target))\" y2=\"\(y(target))\" stroke=\"#a40000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"></line>" }
            // The line breaks where the share is not measurable.
            var path = "", pen = false
            for (i, p) in points.enumerated() {
                guard let v = p.1 else { pen = false; continue }
                path += "\(pen ? "L" : "M")\(Int(axis.xs[i])) \(y(v)) "
                pen = true
                svg += "<circle cx=\"\(Int(axis.xs[i]))\" cy=\"\(y(v))\" r=\"2.5\" fill=\"#0b5394\"><title>\(escape(p.0)): \(ReportFormat.percent(v))</title></circle>"
            }
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#0b5394\" stroke-width=\"2\"></path>" + axis.svg + "</svg>"
            let last = points.last!
            out += "<figure>\(svg)<figcaption class=\"note\"><strong>\(c.label)</strong> share of known spend (blue line), coverage (grey bars)\(target.map { ", target \(ReportFormat.percent($0)) (red dashes)" } ?? ""); \(escape(last.0)): \(ReportFormat.percent(last.1)) at \(ReportFormat.percent(last.2)) coverage.</figcaption></figure>"
        }
        return out + "</div>\n"
    }

    /// The largest markets' HHI by complete month, with the 1,000 and 1,800 band lines.
    static func marketTrendChart(_ markets: [ReportModel.MarketTrend]) -> String {
        guard let months = markets.first?.points.map(\.month), months.count >= 2 else { return "" }
        let (l, t, w, hgt) = (44, 8, chartWidth - 70, 130)
        var svg = "<svg viewBox=\"0 0 \(chartWidth) \(t + hgt + 24)\" width=\"100%\" role=\"img\" aria-label=\"HHI of the largest markets by month\">"
        // The scale reaches a little above the highest HHI drawn (and always shows the 1,800 line), never past 10,000.
        let highest = markets.flatMap { $0.points.compactMap(\.hhi) }.max() ?? 0
        let top = min(10000, (max(highest, 1800) * 1.15 / 500).rounded(.up) * 500)
        svg += yGrid([(0, "0"), (1000, "1,000"), (1800, "1,800")] + (top >= 3000 ? [(top, ReportFormat.hhi(top))] : []),
                     top: t, height: hgt, left: l, right: l + w, max: top)
        let axis = xAxis(months, left: l, width: w, y: t + hgt + 16)
        func y(_ v: Double) -> Int { Int(Double(t + hgt) - v / top * Double(hgt)) }
        var legend: [String] = []
        for (k, market) in markets.enumerated() {
            let colour = palette[k % palette.count]
            var path = "", pen = false
            for (i, p) in market.points.enumerated() {
                guard let v = p.hhi else { pen = false; continue }
                path += "\(pen ? "L" : "M")\(Int(axis.xs[i])) \(y(v)) "
                pen = true
                svg += "<circle cx=\"\(Int(axis.xs[i]))\" cy=\"\(y(v))\" r=\"2.5\" fill=\"\(colour)\"><title>\(escape(market.service)) \(escape(p.month)): HHI \(ReportFormat.hhi(v))</title></circle>"
            }
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"></path>"
            legend.append("<span style=\"color:\(colour)\">■</span> \(escape(market.service))")
        }
        svg += axis.svg + "</svg>"
        return "<h3>Concentration of the largest markets</h3><figure>\(svg)<figcaption class=\"note\">HHI by complete month (0–10,000; above 1,800 is highly concentrated, 1,000–1,800 moderately): \(legend.joined(separator: " · ")).</figcaption></figure>\n"
    }

    /// Every scope's share of all spend as a horizontal bar (a negative scope total is listed, not drawn).
    static func scopeChart(_ scope: ReportModel.ScopeSplit) -> String {
        // The chart names a scope in its first words (`Market`, `Treasury`); the table beside it gives the whole label.
        barChart(scope.rows.map { (String($0.label.split(separator: "(").first ?? Substring($0.label)).trimmingCharacters(in: .whitespaces), $0.share, $0.isMeasured ? "#0b5394" : "#999") },
                 label: "Spend by scope",
                 caption: "Share of all spend by scope; the blue bar is what the shares and markets below measure.")
    }

    /// A horizontal bar per ownership model, as a share of all spend.
    static func ownershipChart(_ rows: [ReportModel.OwnershipRow]) -> String {
        guard let top = rows.first else { return "<p class=\"note\">No spend.</p>" }
        return barChart(rows.map { ($0.ownership, $0.share, $0.ownership == "private-equity" ? "#b45f06" : $0.ownership == "unknown" || $0.ownership == "redacted" ? "#999" : "#0b5394") },
                        label: "Spend by ownership model",
                        caption: "Share of market spend by ownership model; the largest is \(escape(top.ownership)) at \(ReportFormat.percent(top.share)). Grey bars are spend whose ownership is unknown or redacted.")
    }

    static func barChart(_ rows: [(label: String, share: Double?, colour: String)], label: String, caption: String) -> String {
        guard !rows.isEmpty else { return "" }
        let rowHeight = 22, labelWidth = 130, barWidth = chartWidth - labelWidth - 52
        var svg = "<svg viewBox=\"0 0 \(chartWidth) \(rows.count * rowHeight + 4)\" width=\"100%\" role=\"img\" aria-label=\"\(escape(label))\">"
        for (i, r) in rows.enumerated() {
            let y = i * rowHeight + 2, w = Int(max(0, min(1, r.share ?? 0)) * Double(barWidth))
            let name = r.label.count > 20 ? String(r.label.prefix(19)) + "…" : r.label
            svg += "<text x=\"\(labelWidth - 4)\" y=\"\(y + 15)\" font-size=\"11\" text-anchor=\"end\">\(escape(name))<title>\(escape(r.label))</title></text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"14\" fill=\"\(r.colour)\"></rect>"
            svg += "<text x=\"\(labelWidth + w + 4)\" y=\"\(y + 15)\" font-size=\"11\">\(ReportFormat.percent(r.share))</text>"
        }
        return "<figure>\(svg)</svg><figcaption class=\"note\">\(caption)</figcaption></figure>\n"
    }
}
