import Foundation
import Generator
import Testing

@Suite("Synthetic borough generator")
struct GeneratorTests {
    func generate(seed: UInt64) throws -> (String, [String: Data]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-gen-\(UUID().uuidString)").path
        _ = try BoroughGenerator(seed: seed, rows: 900, months: 3, start: "2025-11").write(to: dir)
        var files: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: dir)! where path.contains(".") {
            files[path] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + path))
        }
        return (dir, files)
    }

    @Test("the same seed gives byte-identical files; another seed does not")
    func determinism() throws {
        let (a, first) = try generate(seed: 11)
        let (b, second) = try generate(seed: 11)
        let (c, other) = try generate(seed: 12)
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(atPath: d) } }
        #expect(first.count == 12)
        #expect(first == second)
        #expect(first["spend/camden_synthetic_spend_2025-11.csv"] != other["spend/camden_synthetic_spend_2025-11.csv"])
        // Months cross the year end.
        #expect(first.keys.contains("spend/camden_synthetic_spend_2026-01.csv"))
    }

    @Test("suppliers span every class the measures must tell apart")
    func everyClass() throws {
        let (dir, files) = try generate(seed: 3)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let truth = String(decoding: files["truth.csv"]!, as: UTF8.self)
        for kind in ["sme", "large", "plc", "charity", "cic", "cooperative", "employee_owned", "private_equity_care", "public_body", "sole_trader"] {
            #expect(truth.contains(",\(kind),"), "no \(kind) supplier")
        }
        let spend = String(decoding: files["spend/camden_synthetic_spend_2025-11.csv"]!, as: UTF8.self)
        #expect(spend.hasPrefix("\u{feff}Body Name,"))
        #expect(spend.contains("\r\n"))
        #expect(Array(spend.components(separatedBy: "\r\n").dropFirst().dropLast()).count == 300)
    }

    @Test("bad arguments are refused")
    func badArguments() {
        #expect(throws: GeneratorError.self) { try BoroughGenerator(seed: 1, rows: 10, months: 0, start: "2025-01") }
        #expect(throws: GeneratorError.self) { try BoroughGenerator(seed: 1, rows: 10, months: 1, start: "2025-13") }
    }
}
