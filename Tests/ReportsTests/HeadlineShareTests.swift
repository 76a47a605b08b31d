import MarketShapeCore
@testable import Reports
import Testing
import Warehouse

/// A share resting on almost no evidence is not a headline figure (Leeds: VCSE 100% of 0.05% of market spend).
@Suite("Headline shares and their evidence")
struct HeadlineShareTests {
    func share(_ value: Double?, coverage: Double) -> ReportModel.ClassShare {
        ReportModel.ClassShare(measure: "vcse_share", label: "VCSE", pence: 0, knownPence: 0, share: coverage >= PipelineConfig.ReportSettings().minimumCoverage ? value : nil,
                               shareOfKnown: value, coverage: coverage, notMeasurable: nil, toRaise: nil, benchmarks: [])
    }

    @Test("below 50% coverage the headline says the share is not measurable yet; above it, the share")
    func minimumCoverage() {
        #expect(ReportFormat.headlineShare(share(1.0, coverage: 0.0005)) == "not measurable yet")
        #expect(ReportFormat.headlineShare(share(1.0, coverage: 0.4999)) == "not measurable yet")
        #expect(ReportFormat.headlineShare(share(0.42, coverage: 0.5)) == ReportFormat.percent(0.42))
        #expect(ReportFormat.headlineShare(share(nil, coverage: 0)) == "not measurable yet")
    }
}

/// Reports never name a market by a bare code.
@Suite("Service names people can read")
struct ReadableServiceTests {
    @Test("a code with its one directorate; a code without a label said to be one; a blank said to be blank; names as they are")
    func names() throws {
        let w = try Warehouse(path: ":memory:")
        try w.run("INSERT INTO stg_contexts (context_id, service, directorate) VALUES (1, 'ITD', 'Corporate Affairs'), (2, '4', 'A'), (3, '4', 'B'), (4, 'Homecare', 'Adults')")
        #expect(try ReportModel.readable("ITD", w) == "ITD (Corporate Affairs)")
        #expect(try ReportModel.readable("4", w) == "service code 4 (the file gives no label)")
        #expect(try ReportModel.readable("(none)", w) == "(no service given in the file)")
        #expect(try ReportModel.readable("Homecare", w) == "Homecare")
    }
}

/// Issue 19: a supplier name cannot inject Markdown (links, images, emphasis) or HTML.
@Suite("Markdown cells")
struct MarkdownCellTests {
    @Test("links, images, emphasis, code and entities show as text; a plain & stays as it is", arguments: [
        ("![img](http://evil.example/x.png)", "\\!\\[img\\](http://evil.example/x.png)"), ("[click](javascript:x)", "\\[click\\](javascript:x)"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"), ("A & B <b>", "A & B &lt;b&gt;"), ("Smith &amp; Co &#38; &#x26;", "Smith &amp;amp; Co &amp;#38; &amp;#x26;"), ("AT&T; R&D", "AT&amp;T; R&D"), ("a &; b &#; c &#x; d &", "a &; b &#; c &#x; d &"),
        ("&amp;\u{301}x", "&amp;amp;\u{301}x"), (String(repeating: "&", count: 5_000), String(repeating: "&", count: 5_000)), ("a|b", "a\\|b"), ("x\u{202e}y\u{1b}", "xy"),
    ])
    func escaped(raw: String, cell: String) {
        #expect(MarkdownReportWriter.cell(raw) == cell)
    }
}

/// Place levels are the analyst's words, so their plurals are made, not assumed to take an s.
@Suite("Place level plurals")
struct PlaceLevelPluralTests {
    @Test("ward, locality, parish, estate, areas, PCN")
    func plurals() {
        #expect(ReportFormat.plural("ward") == "wards")
        #expect(ReportFormat.plural("locality") == "localities")
        #expect(ReportFormat.plural("parish") == "parishes")
        #expect(ReportFormat.plural("estate") == "estates")
        #expect(ReportFormat.plural("areas") == "areas")
        #expect(ReportFormat.plural("survey") == "surveys")
        #expect(ReportFormat.plural("PCN") == "PCNs")
    }
}
