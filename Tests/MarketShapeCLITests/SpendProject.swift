import Foundation

/// A throwaway project: one spend file (`Date,Supplier Name,Amount,Expense Area` and the rows given) and
/// `pipelines/x.yml` over it, measuring `service`.
struct SpendProject {
    let dir: String
    var pipeline: String { dir + "/pipelines/x.yml" }
    var warehouse: String { dir + "/data/warehouse/x.sqlite" }

    init(_ label: String, rows: [String]) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-\(label)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/pipelines", withIntermediateDirectories: true)
        try ("Date,Supplier Name,Amount,Expense Area\r\n" + rows.joined(separator: "\r\n") + "\r\n").write(toFile: dir + "/spend.csv", atomically: true, encoding: .utf8)
        try "pipeline: x\nbody: X\nspend: [spend.csv]\nsegments: [service]\n".write(toFile: pipeline, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
}
