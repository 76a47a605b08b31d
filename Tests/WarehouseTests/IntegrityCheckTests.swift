import Foundation
import Testing
@testable import Warehouse

/// Issue 19: a corrupted warehouse page passed unnoticed (`run` and `report` exited 0).
@Suite("Damaged warehouse files are found")
struct IntegrityCheckTests {
    /// A warehouse file with a table spread over many pages, closed.
    static func warehouseFile() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ms-integrity-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("w.sqlite").path
        let w = try Warehouse(path: path)
        try w.execute("CREATE TABLE filler(id INTEGER PRIMARY KEY, text TEXT)")
        try w.transaction { for i in 0..<5_000 { try w.run("INSERT INTO filler(text) VALUES (?)", [.text("row \(i) " + String(repeating: "x", count: 200))]) } }
        return path
    }

    @Test("a sound file passes both checks")
    func soundFile() throws {
        let w = try Warehouse(path: try Self.warehouseFile())
        try w.check()
        try w.check(full: true)
    }

    @Test("a page of rows overwritten is found, naming the file", arguments: [false, true])
    func damagedPage(full: Bool) throws {
        let path = try Self.warehouseFile()
        let pageSize = UInt64(try Warehouse(path: path).scalarInt("PRAGMA page_size"))
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        // Into one of the filler table's pages (written last, so near the end of the file), past its header: its cell
        // pointers and cells. (In the middle of a file of 16 KiB pages lie the empty pages of the schema's tables.)
        try handle.seek(toOffset: (size / pageSize - 3) * pageSize + 100)
        handle.write(Data(repeating: 0xDE, count: 3000))
        try handle.close()
        let error = #expect(throws: WarehouseCorruptError.self) { try Warehouse(path: path).check(full: full) }
        #expect(error?.path == path)
        #expect(error?.description.contains("\(path): the warehouse file is damaged") == true)
        #expect(error?.problems.isEmpty == false)
        #expect(error?.problems.count ?? 99 <= 3)
    }

    @Test("a file that is no database at all is named as damaged")
    func notADatabase() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ms-notadb-\(UUID().uuidString).sqlite").path
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: WarehouseCorruptError.self) { try Warehouse(path: path) }
        #expect(error?.path == path)
    }
}
