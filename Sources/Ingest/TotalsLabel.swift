/// A cell that labels a row as the file's own sum: `Total`, `Grand Total`, `Sub-total:`, `** TOTAL SPEND **`,
/// `Total for Adults`, `Highways Total` (any case, punctuation and spacing). A row so labelled is a totals row only
/// when its amount is also a sum of the rows above it, so a supplier whose name merely has the word
/// (`Total Gas & Power Ltd`) still loads; a name with a legal form is never a label.
enum TotalsLabel {
    static let labels: Set<String> = [
        "TOTAL", "TOTALS", "GRAND TOTAL", "GRAND TOTALS", "SUB TOTAL", "SUBTOTAL", "SUB TOTALS", "SUBTOTALS", "TOTAL SPEND", "TOTAL SPENT",
        "TOTAL PAYMENTS", "TOTAL EXPENDITURE", "TOTAL AMOUNT", "TOTAL VALUE", "MONTH TOTAL", "MONTHLY TOTAL", "REPORT TOTAL",
        "OVERALL TOTAL", "TOTAL FOR MONTH", "TOTAL FOR THE MONTH", "TOTAL FOR PERIOD", "TOTAL FOR THE PERIOD", "PERIOD TOTAL",
    ]
    static let legalForms: Set<Substring> = ["LTD", "LIMITED", "PLC", "LLP", "CIC", "CIO", "CO", "COMPANY", "INC", "LLC", "GROUP", "UK"]

    /// Whether the trimmed cell `b` is a totals label. Cheap on a supplier's name: a name without `TOTAL` in it, or
    /// too long to be a label, is ruled out before any text is made.
    static func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 5, b.count <= 48, containsTotal(b) else { return false }
        var words: [UInt8] = []
        var gap = false
        for byte in b {
            let upper = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
            if upper >= 0x41 && upper <= 0x5A {
                if gap && !words.isEmpty { words.append(0x20) }
                words.append(upper)
                gap = false
            } else { gap = true }
        }
        let text = String(decoding: words, as: UTF8.self)
        if labels.contains(text) { return true }
        // `Total for Adults`, `Highways Total`, `Sub-total Highways`: up to six words, none a company's.
        let parts = text.split(separator: " ")
        guard parts.count <= 6, !parts.contains(where: legalForms.contains) else { return false }
        return text.hasPrefix("TOTAL FOR ") || text.hasPrefix("SUB TOTAL ") || text.hasPrefix("SUBTOTAL ") || text.hasPrefix("GRAND TOTAL ")
            || ["TOTAL", "TOTALS", "SUBTOTAL", "SUBTOTALS"].contains(parts.last ?? "")
    }

    /// Whether `TOTAL` appears in `b`, in any case: every label has it, and scanning for it makes no text.
    @inline(__always)
    static func containsTotal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 5 <= b.count {
            if b[i] & 0xDF == 0x54, b[i + 1] & 0xDF == 0x4F, b[i + 2] & 0xDF == 0x54, b[i + 3] & 0xDF == 0x41, b[i + 4] & 0xDF == 0x4C { return true }
            i += 1
        }
        return false
    }
}
