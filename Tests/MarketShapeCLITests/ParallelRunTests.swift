import Foundation
import Testing

@Suite("Several bodies in one command", .serialized)
struct ParallelRunTests {
    @Test("run A B C --jobs 2: each body in its own process, outputs whole and in blocks; the first failing body's status is the command's")
    func jobs() throws {
        let a = try SpendProject("jobs-a", rows: ["02/01/2026,Acme Ltd,100.00,Care", "03/01/2026,Beta Ltd,50.00,Care"])
        let b = try SpendProject("jobs-b", rows: ["02/01/2026,Gamma Ltd,70.00,Parks"])
        // A file whose amounts cannot be read: that body's run stops at its data-quality check (exit 3).
        let c = try SpendProject("jobs-c", rows: ["02/01/2026,Delta Ltd,not money,Parks", "03/01/2026,Delta Ltd,also not,Parks"])
        defer { a.remove(); b.remove(); c.remove() }
        let ok = try TerminalSession(["run", a.pipeline, b.pipeline, "--jobs", "2"], in: a.dir, terminal: false)
        let text = String(decoding: ok.raw, as: UTF8.self)
        #expect(ok.status == 0)
        #expect(text.hasPrefix("running 2 bodies, 2 at a time\n") && text.hasSuffix("all 2 bodies succeeded\n"))
        for p in [a, b] {
            #expect(text.contains("── \(p.pipeline): exit 0 (success)"))
            #expect(FileManager.default.fileExists(atPath: p.warehouse))
        }
        // Each body's block is whole: its header, then its own lines up to its result, before the next header.
        let blocks = text.components(separatedBy: "── ").dropFirst()
        #expect(blocks.count == 2 && blocks.allSatisfy { $0.contains("ingest:") && $0.contains("report:") })
        let mixed = try TerminalSession(["run", c.pipeline, a.pipeline, "--jobs", "1"], in: a.dir, terminal: false)
        #expect(mixed.status == 3)
        #expect(String(decoding: mixed.raw, as: UTF8.self).contains("1 of 2 bodies did not succeed: \(c.pipeline) (exit 3)"))
        // A file that is not a pipeline stops everything before any body runs.
        try "pipeline: [".write(toFile: c.pipeline, atomically: true, encoding: .utf8)
        let bad = try TerminalSession(["run", a.pipeline, c.pipeline], in: a.dir, terminal: false)
        #expect(bad.status == 2 && !String(decoding: bad.raw, as: UTF8.self).contains("running"))
    }
}
