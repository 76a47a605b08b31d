import MarketShapeCore

/// Renders the report model as Markdown (`summary.md`).
public enum MarkdownReportWriter {
    /// Escapes a value for a Markdown table cell, heading or line: no control or bidi-control characters, `<` and `>`
    /// as entities, `&` as one only where it would start an entity (`&amp;` as written stays text; `John Sisk & Son`
    /// reads as it is), and the characters Markdown acts on inside a line (links, images, emphasis, code,
    /// strike-through, table cells) escaped with a backslash, so `![img](http://evil.example/x.png)` shows as text.
    static func cell(_ s: String) -> String {
        var out = ""
        let chars = Array(DisplayText.clean(s))
        for (i, c) in chars.enumerated() {
            switch c {
            case "&": out += startsEntity(String(chars[(i + 1)...].prefix(Self.longestEntity + 1))) ? "&amp;" : "&"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "!", "|", "~": out += "\\\(c)"
            default: out.append(c)
            }
        }
        return out
    }

    /// The longest entity reference body CommonMark recognises is 31 characters (`&CounterClockwiseContourIntegral;`).
    static let longestEntity = 32

    /// Whether `rest` (what follows an `&`, at most `longestEntity` + 1 characters) would make an entity reference:
    /// an ASCII name, `#` and digits, or `#x` and hex digits, then `;` (CommonMark's rule), read as Unicode scalars as
    /// a Markdown renderer reads them.
    static func startsEntity(_ rest: String) -> Bool {
        let scalars = Array(rest.unicodeScalars)
        guard let end = scalars.firstIndex(of: ";"), end > 0 else { return false }
        var body = scalars[..<end]
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        func isLetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
        if body.first == "#" {
            body = body.dropFirst()
            if body.first == "x" || body.first == "X" {
                return body.count > 1 && body.dropFirst().allSatisfy { isDigit($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
            }
            return !body.isEmpty && body.allSatisfy(isDigit)
        }
        return isLetter(body.first!) && body.allSatisfy { isLetter($0) || isDigit($0) }
    }

    public static func render(_ m: ReportModel) -> String {
        var out = "# \(cell(m.body)): supplier ecosystem, \(m.period.label)\n\n"
        out += "\(HTMLReportWriter.periodText(m)) · pipeline `\(m.pipeline)` · run \(m.runID) · generated \(m.generatedAt)\n\n"
        out += "\(cell(m.periodCoverage.text))\n\n## Summary\n\n" + m.summary.map { "- \(cell($0))\n" }.joined() + "\n## Where the money went\n\n"
        out += "| scope | spend | share | payments |\n|---|---:|---:|---:|\n"
        for r in m.scope.rows { out += "| \(cell(r.label))\(r.isMeasured ? " (measured below)" : "") | \(formatPounds(r.pence)) | \(ReportFormat.percent(r.share)) | \(r.payments) |\n" }
        out += "| **All spend** | **\(formatPounds(m.scope.totalPence))** | 100% | \(m.scope.payments) |\n\n\(ReportFormat.scopeNote(m.scope))\n\n"
        if !m.scope.outside.isEmpty { out += "Largest payees outside the market, and why:\n\n" }
        for o in m.scope.outside.prefix(8) { out += "- \(cell(o.name)): \(formatPounds(o.pence, decimals: false)), \(o.scope): \(cell(o.rule))\n" }
        out += "\n## Headline\n\n"
        out += "- \(ReportFormat.measuredLabel(m.scope).prefix(1).uppercased() + ReportFormat.measuredLabel(m.scope).dropFirst()) **\(formatPounds(m.headline.totalPence))** in \(ReportFormat.count(m.headline.payments)) payments to \(ReportFormat.count(m.headline.suppliers)) suppliers\n"
        out += "- Redacted payees \(formatPounds(m.headline.redactedPence)); purchase cards \(formatPounds(m.headline.purchaseCardPence))\n\n"
        out += "| class | share of known spend | coverage | spend with class | benchmark |\n|---|---:|---:|---:|---|\n"
        for s in m.headline.shares {
            out += "| \(s.label) | \(ReportFormat.headlineShare(s)) | \(ReportFormat.percent(s.coverage)) | \(formatPounds(s.pence, decimals: false)) | \(cell(s.benchmarks.map { "\($0.label) \(ReportFormat.percent($0.share)) (\($0.source))" }.joined(separator: "; "))) |\n"
        }
        for s in m.headline.shares where s.notMeasurable != nil {
            out += "\n- **\(s.label)**: \(cell(s.notMeasurable!)). \(cell(s.toRaise ?? ""))"
        }
        out += m.headline.shares.contains { $0.notMeasurable != nil } ? "\n" : ""
        out += "\n## Targets\n\n"
        if m.targets.isEmpty { out += "The pipeline file sets no targets.\n" } else {
            out += "| target | goal | actual | coverage | gap | gap £ | status |\n|---|---:|---:|---:|---:|---:|---|\n"
            for t in m.targets {
                let share = !["hhi", "cr4"].contains(t.measure)
                out += "| \(cell(t.label)) | \(t.direction == "at least" ? "≥" : "≤") \(share ? ReportFormat.percent(t.target) : ReportFormat.hhi(t.target)) | \(share ? ReportFormat.percent(t.actual) : ReportFormat.hhi(t.actual)) | \(share ? ReportFormat.percent(t.coverage) : "n/a") | \(t.gapPoints.map { share ? String(format: "%.1f pts", $0) : ReportFormat.hhi($0) } ?? "–") | \(t.gapPence.map { formatPounds($0, decimals: false) } ?? "–") | \(t.met.map { $0 ? "met" : "**missed**" } ?? "unknown")\(t.note.isEmpty ? "" : " · \(cell(t.note))") |\n"
            }
        }
        out += "\n## Market-shaping opportunities\n\n"
        if m.opportunities.isEmpty { out += "None found on these rules in this period.\n" }
        for o in m.opportunities { out += "\(o.rank). **\(cell(o.title))** (\(formatPounds(o.pence, decimals: false))): \(cell(o.detail)) Next step: \(cell(o.nextStep))\n" }
        out += "\n## Trend\n\n" + (m.trend.isEmpty ? ReportFormat.noTrend + "\n" : "| month | spend | suppliers | local · coverage | SME · coverage | VCSE · coverage | HHI |\n|---|---:|---:|---:|---:|---:|---:|\n")
        for t in m.trend {
            out += "| \(ReportFormat.trendMonth(t)) | \(formatPounds(t.totalPence, decimals: false)) | \(t.suppliers) | \(ReportFormat.trendCell(t.localShare, t.localCoverage)) | \(ReportFormat.trendCell(t.smeShare, t.smeCoverage)) | \(ReportFormat.trendCell(t.vcseShare, t.vcseCoverage)) | \(ReportFormat.hhi(t.hhi)) |\n"
        }
        if !m.trend.isEmpty { out += "\n\(ReportFormat.trendLegend(m.settings.minimumCoverage))\n" }
        let grouped = m.services.contains { $0.ownerGroups != nil }
        out += "\n## Concentration by service\n\n| service | spend | suppliers | HHI |\(grouped ? " HHI by owner group |" : "") CR4 | band | largest supplier | named |\n|---|---:|---:|---:|\(grouped ? "---:|" : "")---:|---|---|---:|\n"
        for s in m.services {
            out += "| \(cell(s.service)) | \(formatPounds(s.pence, decimals: false)) | \(s.suppliers)\(s.isThin ? " (thin)" : "") | \(ReportFormat.hhi(s.hhi)) |\(grouped ? " \(ReportFormat.hhi(s.ownerGroups?.hhi)) |" : "") \(ReportFormat.percent(s.cr4)) | \(s.band) | \(cell(s.topSupplier ?? "–")) \(s.topShare.map { "(\(ReportFormat.percent($0)))" } ?? "") | \(ReportFormat.percent(s.identifiedCoverage)) |\n"
        }
        if grouped {
            let rises = ReportFormat.commonOwnershipRises(m.services)
            out += rises.isEmpty ? "\nCounting common ownership (companies under one parent's majority control, from the PSC register, as one supplier) changes no market's HHI.\n"
                : "\nCounting common ownership (companies under one parent's majority control, from the PSC register, as one supplier): \(cell(rises.joined(separator: "; "))).\n"
        }
        out += "\nShares of a market (HHI, CR4, the largest supplier's) are over its spend to named payees; *named* is that spend ÷ the market's spend (the rest is redacted).\n"

        out += "\n## Ownership\n\n| ownership | spend | share of market spend | suppliers |\n|---|---:|---:|---:|\n"
        for o in m.ownership { out += "| \(o.ownership) | \(formatPounds(o.pence, decimals: false)) | \(ReportFormat.percent(o.share)) | \(o.suppliers) |\n" }
        if let c = m.careOwnership {
            out += "\n\(cell(ReportFormat.careOwnership(c, minimum: m.settings.minimumCoverage)))\n"
        }
        out += "\n### Top suppliers\n\n| supplier | spend | classes | ownership |\n|---|---:|---|---|\n"
        for s in m.topSuppliers { out += "| \(cell(s.name)) | \(formatPounds(s.pence, decimals: false)) | \(s.classes) | \(s.ownership) |\n" }
        out += "\n## Entrants and exits\n\n"
        if let d = m.dynamics, let previous = d.previousPeriod {
            if let c = d.caveat { out += "**Not like-for-like:** \(cell(c))\n\n" }
            if d.previousIsComplete {
                out += "\(d.active) suppliers paid; \(d.entrants ?? 0) not paid in \(previous) (\(ReportFormat.percent(d.entrantSpendShare)) of spend), \(d.exits ?? 0) paid in \(previous) but not in \(m.period.label). Changes since \(previous): \(ReportFormat.shareChanges(d)), HHI \(d.hhiChange.map { String(format: "%+.0f", $0) } ?? "–").\n"
                if !d.entrantNames.isEmpty { out += "\nLargest entrants: \(cell(d.entrantNames.joined(separator: ", "))).\n" }
                if !d.exitNames.isEmpty { out += "\nLargest exits: \(cell(d.exitNames.joined(separator: ", "))).\n" }
            } else {
                out += "Entrants, exits and changes are not shown against an incomplete period.\n"
            }
        } else { out += "No previous period in the warehouse to compare with.\n" }
        out += "\n## Places\n"
        if m.places.isEmpty { out += "\nNo place mapping in the pipeline file.\n" }
        for level in m.places {
            let placeLevel = cell(level.level)
            out += "\n### Services by \(placeLevel) (all payments held)\n\nOver every payment the warehouse holds; a payment placed in several \(cell(ReportFormat.plural(level.level))) counts in each.\n\n| \(placeLevel) | " + level.services.map(cell).joined(separator: " | ") + " |\n|---|" + String(repeating: "---:|", count: level.services.count) + "\n"
            for (i, place) in level.places.enumerated() {
                out += "| \(cell(place)) | " + level.cells[i].map { $0.map { "\(formatPounds($0.pence, decimals: false)) (\($0.suppliers) supplier\($0.suppliers == 1 ? "" : "s"))" } ?? "–" }.joined(separator: " | ") + " |\n"
            }
            for p in level.sharedPlaces { out += "\n- \(cell(p.serviceA)) and \(cell(p.serviceB)) share \(p.shared) \(placeLevel)(s) (Jaccard \(String(format: "%.2f", p.jaccard)))" }
            for s in level.crossServiceSuppliers { out += "\n- \(cell(s.supplier)) works across \(cell(s.services)) in \(cell(s.place))" }
            out += "\n"
        }
        out += "\n## Data quality\n\n| file | read | loaded | set aside | loaded £ | set aside £ |\n|---|---:|---:|---:|---:|---:|\n"
        for f in m.dataQuality.files {
            out += "| \(cell(f.name)) | \(f.read) | \(f.loaded) | \(f.setAside) | \(formatPounds(f.loadedPence)) | \(formatPounds(f.setAsidePence)) |\n"
        }
        out += "\n- Rows set aside: \(m.dataQuality.setAsideByReason.isEmpty ? "none" : m.dataQuality.setAsideByReason.map { "\($0.reason) \($0.count)" }.joined(separator: ", ")) (see `rejects.csv`)\n"
        if let totals = m.dataQuality.setAsideByReason.first(where: { $0.reason == "total_row" }) { out += "- \(cell(ReportFormat.totalsRowNote(totals)))\n" }
        for note in m.dataQuality.notes { out += "- \(cell(note))\n" }
        out += "- Redacted payees: \(formatPounds(m.dataQuality.redactedPence)); unresolved payees: \(formatPounds(m.dataQuality.unresolvedPence)) (see `review_queue.csv`)\n"
        for f in m.dataQuality.identifiers { out += "- \(cell(ReportFormat.identifierNote(f)))\n" }
        if m.dataQuality.conflicts > 0 { out += "- \(m.dataQuality.conflicts) identifier(s) given to names that cannot be one organisation were kept apart (listed first in `review_queue.csv`)\n" }
        out += "- Coverage: " + m.headline.shares.map { "\($0.label) \(ReportFormat.percent($0.coverage))" }.joined(separator: ", ") + "\n"
        out += "- Registers: \(m.dataQuality.registers.isEmpty ? "none loaded" : m.dataQuality.registers.map { "\($0.kind) v\($0.version) (\(cell($0.file)), \($0.rows) rows)" }.joined(separator: "; "))\n"
        out += "\n## Methodology and definitions\n\n"
        for d in m.definitions { out += "- **\(d.term)**: \(cell(d.meaning))\n" }
        out += "\n## Provenance\n\nPipeline file `\(m.provenance.pipelineFile)`, run \(m.provenance.runID), generated \(m.provenance.generatedAt).\n\n"
        for f in m.provenance.inputs { out += "- \(cell(f.name)): SHA-256 `\(f.sha256)`\n" }
        return out
    }
}
