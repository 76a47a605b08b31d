import Foundation
@testable import MarketShapeCLI
import MarketShapeCore
import Testing

/// Issue 20: a new council in five minutes. `init` on each real spend file writes a pipeline with the body's code
/// from the register, a mapping and segments, and it validates; a file that needs a hand gets the lines to edit.
@Suite("marketshape init")
struct InitTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let real = root.appendingPathComponent("../shared/fixtures/real").standardizedFileURL.path

    static func files(_ folder: String, _ prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: real + "/" + folder).filter { $0.hasPrefix(prefix) && $0.hasSuffix(".csv") }.sorted()
            .map { real + "/" + folder + "/" + $0 }
    }

    @Test("each real body: its GSS code, its spend as one glob, segments and a mapping that validate", arguments: [
        ("devon", "", "devon_DCCSpendingOver500_", "E10000008", ["service", "expense_type"]),
        ("leeds", "", "leeds_2020-06_raw", "E08000035", ["service", "expense_type", "category", "directorate"]),
        ("calderdale", "calderdale_history", "calderdale_", "E08000033", ["service", "expense_type", "category"]),
        ("bradford", "other_bodies", "bradford_", "E08000032", ["service", "expense_type"]),
        ("harrogate", "other_bodies", "harrogate_", "E07000165", ["service", "expense_type", "category", "directorate"]),
        ("sheffield", "other_bodies", "sheffield_", "E08000019", ["service"]),   // its Organisational Unit, the only grouping
    ])
    func realBodies(name: String, folder: String, prefix: String, code: String, segments: [String]) throws {
        let files = try Self.files(folder, prefix)
        #expect(!files.isEmpty)
        let draft = PipelineDraft(name: name, files: files, registersFolder: Self.root.appendingPathComponent("data/registers").path)
        let sniffed = draft.sniffAll()
        #expect(sniffed.allSatisfy { $0.config != nil })
        let body = try draft.body(sniffed)
        #expect(body?.code == code)
        let (text, edit) = draft.yaml(sniffed, body: body)
        #expect(edit.isEmpty)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-init-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/pipelines", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: dir + "/pipelines/\(name).yml", atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(path: dir + "/pipelines/\(name).yml", checkFiles: true)
        #expect(config.body.code == code)
        #expect(config.segments == segments)
        #expect(config.spend.count == 1)
        #expect(FileGlob.expand(config.spend[0].path).count == files.count)
        #expect(text.contains("#   paid_on "))
        #expect(text.contains("targets:   # EXAMPLES"))
    }

    @Test("a file whose payee and date no header names: the columns found from the content are written, and the missing body code is marked EDIT")
    func crypticFile() throws {
        let file = Self.root.appendingPathComponent("Tests/IngestTests/Fixtures/cryptic_headers.csv").path
        let draft = PipelineDraft(name: "cryptic", files: [file], registersFolder: Self.root.appendingPathComponent("data/registers").path)
        let sniffed = draft.sniffAll()
        let (text, edit) = draft.yaml(sniffed, body: try draft.body(sniffed))
        #expect(text.contains("      supplier_name: \"Vendor ID\""))
        #expect(text.contains("      # found from the content: paid_on ← column 7 \"Updated\""))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!edit.isEmpty && edit.allSatisfy { lines[$0 - 1].contains("EDIT") })
    }
}

@Suite("init's spend glob")
struct InitGlobTests {
    @Test("the glob keeps the name before the date, so later months and years join", arguments: [
        (["d/bradford_2019-10.csv", "d/bradford_2019-11.csv", "d/bradford_2019-12.csv"], ["d/bradford_*.csv"]),
        (["d/spend_april_2024.csv", "d/spend_august_2024.csv"], ["d/spend_*.csv"]),
        (["d/devon_DCCSpendingOver500_202601.csv", "d/devon_DCCSpendingOver500_202602.csv"], ["d/devon_DCCSpendingOver*.csv"]),
        (["d/a_2024-01.csv", "d/a_2024-02.txt"], ["d/a_2024-01.csv", "d/a_2024-02.txt"]),
        (["d/leeds_2020-06_raw.csv"], ["d/leeds_2020-06_raw.csv"]),
        (["d/x/2024-01.csv", "e/2024-02.csv"], ["d/x/2024-01.csv", "e/2024-02.csv"]),
    ])
    func glob(files: [String], expected: [String]) {
        #expect(PipelineDraft(name: "t", files: files, registersFolder: "r").spendPaths() == expected)
    }

    @Test("headers and paths are YAML-quoted")
    func quoting() {
        #expect(PipelineDraft.quoted("Amount \"net\" \\ (£)") == "\"Amount \\\"net\\\" \\\\ (£)\"")
    }
}
