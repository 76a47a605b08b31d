/// A cell that labels a row as the file's own sum: `Total`, `Grand Total`, `Sub-total`, `TOTAL SPEND:` (any case,
/// punctuation and spacing). A supplier that merely starts with the word (`Total Gas & Power Ltd`) is not one.
enum TotalsLabel {
    static let labels: Set<String> = [
        "TOTAL", "TOTALS", "GRAND TOTAL", "GRAND TOTALS", "SUB TOTAL", "SUBTOTAL", "SUB TOTALS", "SUBTOTALS", "TOTAL SPEND", "TOTAL SPENT",
        "TOTAL PAYMENTS", "TOTAL EXPENDITURE", "TOTAL AMOUNT", "TOTAL VALUE", "MONTH TOTAL", "MONTHLY TOTAL", "REPORT TOTAL",
        "OVERALL TOTAL", "TOTAL FOR MONTH", "TOTAL FOR THE MONTH", "TOTAL FOR PERIOD", "TOTAL FOR THE PERIOD", "PERIOD TOTAL",
    ]

    /// Whether the trimmed cell `b` is a totals label. Cheap on a supplier's name: most are ruled out by their
    /// length or first letter before any text is made.
    static func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 5, b.count <= 32, [0x54, 0x47, 0x53, 0x4D, 0x52, 0x4F, 0x50].contains(b[0] & 0xDF), containsTotal(b) else { return false }
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
        return labels.contains(String(decoding: words, as: UTF8.self))
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
