import MarketShapeCore

/// Renders the report model as Markdown (`summary.md`).
public enum MarkdownReportWriter {
    public static func render(_ m: ReportModel) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "# \(cell(m.body)): supplier ecosystem, \(m.period)\n\n"
        out += "Pipeline `\(m.pipeline)`, run \(m.runID), generated \(m.generatedAt).\n\n"
        out += "## Headline\n\n"
        out += "- Spend: **\(formatPounds(m.totalPence))** in \(m.payments) payments to \(m.suppliers) suppliers\n"
        out += "- Redacted payees: \(formatPounds(m.redactedPence)); purchase cards: \(formatPounds(m.purchaseCardPence))\n\n"
        out += "| class | share of known spend | coverage | spend with class | spend with class known |\n|---|---:|---:|---:|---:|\n"
        for s in m.shares {
            out += "| \(s.label) | \(ReportFormat.percent(s.share)) | \(ReportFormat.percent(s.coverage)) | \(formatPounds(s.pence)) | \(formatPounds(s.knownPence)) |\n"
        }
        out += "\nA share is of the spend whose class is known; coverage is how much of all spend that is. Local means: \(cell(m.localDefinition)).\n\n"
        out += "## Concentration by service\n\n| service | spend | suppliers | HHI | CR4 | band |\n|---|---:|---:|---:|---:|---|\n"
        for s in m.services {
            out += "| \(cell(s.service)) | \(formatPounds(s.pence)) | \(s.suppliers)\(s.isThin ? " (thin)" : "") | \(ReportFormat.hhi(s.hhi)) | \(ReportFormat.percent(s.cr4)) | \(s.band) |\n"
        }
        out += "\n## Top suppliers\n\n| supplier | spend | classes |\n|---|---:|---|\n"
        for s in m.topSuppliers { out += "| \(cell(s.name)) | \(formatPounds(s.pence)) | \(s.classes) |\n" }
        out += "\n## Trend\n\n| month | spend | suppliers | HHI |\n|---|---:|---:|---:|\n"
        for t in m.trend { out += "| \(t.month) | \(formatPounds(t.pence)) | \(t.suppliers) | \(ReportFormat.hhi(t.hhi)) |\n" }
        out += "\n## Data quality\n\n| file | read | loaded | set aside | loaded £ | set aside £ | SHA-256 |\n|---|---:|---:|---:|---:|---:|---|\n"
        for f in m.files {
            out += "| \(cell(f.name)) | \(f.read) | \(f.loaded) | \(f.setAside) | \(formatPounds(f.loadedPence)) | \(formatPounds(f.setAsidePence)) | `\(f.sha256.prefix(12))` |\n"
        }
        if !m.setAsideReasons.isEmpty {
            out += "\nRows set aside, by reason: " + m.setAsideReasons.map { "\($0.reason) \($0.count)" }.joined(separator: ", ") + " (every one is in `rejects.csv`).\n"
        }
        return out
    }
}
