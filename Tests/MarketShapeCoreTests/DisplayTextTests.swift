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
