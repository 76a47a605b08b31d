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

    /// JSON text as `JSONEncoder` writes it, with the same characters removed from its strings: the raw ones (DEL, C1,
    /// bidi controls) and the escaped C0 controls (`\u001b`, `\b`, `\f`); `\n`, `\r` and `\t` stay, as does
    /// everything outside strings.
    public static func cleanJSON(_ json: [UInt8]) -> [UInt8] {
        let text = String(decoding: json, as: UTF8.self)
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" }) || text.contains("\\u00") || text.contains("\\b") || text.contains("\\f") else { return json }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if u == "\\", i + 1 < scalars.count {
                let next = scalars[i + 1]
                if next == "b" || next == "f" { i += 2; continue }
                if next == "u", i + 5 < scalars.count, let code = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16),
                   let escaped = Unicode.Scalar(code), isUnsafe(escaped) {
                    i += 6; continue
                }
                out.append(u); out.append(next); i += 2; continue
            }
            if u == "\n" || !isUnsafe(u) { out.append(u) }
            i += 1
        }
        return Array(String(out).utf8)
    }
}
