import Foundation
import MarketShapeCore
import Testing

/// Issue 19: hostile text in every output.
@Suite("Text shown from spend files")
struct DisplayTextTests {
    @Test("terminal escapes, control characters and bidi overrides are removed; tabs and line breaks become spaces", arguments: [
        ("\u{1b}[31mRED LTD\u{1b}[0m", "[31mRED LTD[0m"), ("ACME\u{202e}DTL", "ACMEDTL"), ("A\u{2066}B\u{2069}C", "ABC"), ("A\u{200f}B", "AB"),
        ("BELL\u{7}", "BELL"), ("C1\u{85}X", "C1X"), ("TAB\tHERE", "TAB HERE"), ("TWO\r\nLINES", "TWO  LINES"), ("Café Ltd", "Café Ltd"),
    ])
    func clean(raw: String, shown: String) {
        #expect(DisplayText.clean(raw) == shown)
    }

    @Test("line breaks kept where a format holds them")
    func newlines() {
        #expect(DisplayText.clean("a\r\nb\u{1b}", keepNewlines: true) == "a\nb")
    }
}

/// Issue 19: right-to-left overrides and control characters passed into the JSON outputs.
@Suite("JSON outputs without control characters")
struct CleanJSONTests {
    struct Named: Encodable { var name: String; var note: String }

    @Test("escaped C0 controls and raw bidi, DEL and C1 characters leave the strings; newlines, tabs, quotes and backslashes stay",
          arguments: [
              ("\u{1b}[31mEVIL\u{202e}LTD", "[31mEVILLTD"), ("A\u{7f}B\u{85}C\u{8}D\u{c}E", "ABCDE"),
              ("line\nbreak\ttab", "line\nbreak\ttab"), ("back\\slash \"q\" \\u001b", "back\\slash \"q\" \\u001b"),
              ("\u{2066}ISOLATE\u{2069} \u{200f}", "ISOLATE "), ("café £5 — ok", "café £5 — ok"),
          ])
    func cleaned(raw: String, shown: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = DisplayText.cleanJSON(Array(try encoder.encode(Named(name: raw, note: "x"))))
        struct Back: Decodable { var name: String }
        #expect(try JSONDecoder().decode(Back.self, from: Data(json)).name == shown)
    }
}
