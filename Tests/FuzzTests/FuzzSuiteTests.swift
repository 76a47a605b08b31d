import Foundation
@testable import Fuzzing
import Testing

/// The fuzz suite, bounded for the test run: every seed (the hardening issue's cases among them), then mutations.
/// `MARKETSHAPE_FUZZ_INPUTS` raises the count; `marketshape-fuzz` runs it for as long as asked.
@Suite("Fuzz suite")
struct FuzzSuiteTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("IngestTests/Fixtures").path

    @Test("every seed keeps every property", arguments: FuzzTarget.allCases)
    func seeds(target: FuzzTarget) throws {
        for seed in FuzzSeeds.seeds(for: target, corpus: [Self.fixtures]) {
            #expect(throws: Never.self, "\(String(decoding: seed.prefix(80), as: UTF8.self).debugDescription)") { try target.check(seed) }
        }
    }

    @Test("a bounded run of mutations: no crash, no hang, no broken property or reconciliation")
    func bounded() {
        let inputs = ProcessInfo.processInfo.environment["MARKETSHAPE_FUZZ_INPUTS"].flatMap(Int.init) ?? 10_000
        let summary = FuzzRun(corpus: [Self.fixtures], seed: 20261202).run(inputs: inputs)
        #expect(summary.total == inputs)
        #expect(summary.inputs.count == FuzzTarget.allCases.count)
        for f in summary.failures.prefix(5) {
            Issue.record("[\(f.target.rawValue)] \(f.failure) on \(String(decoding: f.input.prefix(200), as: UTF8.self).debugDescription)")
        }
        #expect(summary.failures.isEmpty)
    }

    @Test("a broken property is reported with its input, not swallowed")
    func failuresAreReported() {
        var run = FuzzRun(targets: [.amount], seed: 7)
        run.check = { _, input in if input.contains(UInt8(ascii: "(")) { throw FuzzFailure(property: "no brackets", detail: "") } }
        let summary = run.run(inputs: 500)
        #expect(!summary.failures.isEmpty)
        #expect(summary.failures.allSatisfy { $0.input.contains(UInt8(ascii: "(")) && $0.failure == "no brackets: " })
    }
}
