/// Text from a spend file made safe to show: control characters (C0 but tab and newline, DEL, C1) and the Unicode
/// bidirectional controls (overrides, embeddings, isolates, marks) are removed, so that a supplier name can neither
/// drive a terminal (`\u{1b}[31m…`) nor reorder what a reader sees (`\u{202e}`). The warehouse keeps the raw value;
/// every output (terminal, HTML, Markdown, CSV, xlsx) shows this.
public enum DisplayText {
    /// `text` without control and bidi-control characters: a tab or line break becomes a space (`keepNewlines` keeps
    /// `\n`, and drops the `\r` of `\r\n`).
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            switch u {
            case "\n": out.append(keepNewlines ? "\n" : " ")
            case "\r": if !keepNewlines { out.append(" ") }
            case "\t": out.append(" ")
            default: if !isUnsafe(u) { out.append(u) }
            }
        }
        return String(out)
    }

    /// A control character or a bidirectional formatting character.
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
