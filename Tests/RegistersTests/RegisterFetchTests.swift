import Foundation
import MarketShapeCore
@testable import Registers
import StageKit
import Testing
import Warehouse
import ZIPFoundation
@testable import MarketShapeCLI

/// `registers fetch` against a server on 127.0.0.1 started by each test, serving small files in the real layouts.
@Suite("Fetching registers", .serialized)
struct RegisterFetchTests {
    static let sample = RegisterImporterTests.path("../shared/fixtures/real/companies_house_BasicCompanyData_sample.csv")
    /// 2 December 2026: this month's Companies House file is dated 2026-12-01, the month before 2026-11-01.
    static let today = ISO8601DateFormatter().date(from: "2026-12-02T09:00:00Z")!

    /// A temporary folder, a warehouse in it, and a server.
    struct Setup {
        let dir: String
        let warehouse: Warehouse
        let server: LocalHTTPServer
        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-fetch-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            warehouse = try Warehouse(path: dir + "/w.sqlite")
            server = try LocalHTTPServer()
        }
        func fetcher() -> RegisterFetcher {
            let w = warehouse
            var f = RegisterFetcher(folder: dir, warehouse: { (w, {}) }, console: RecordingConsole())
            f.today = RegisterFetchTests.today
            f.timeout = 10
            return f
        }
        func source(_ kind: RegisterKind, _ path: String, lookBack: RegisterSource.LookBack = .none, file: String) -> RegisterSource {
            RegisterSource(kind: kind, url: server.url(path), lookBack: lookBack, fileName: file)
        }
        func currentVersion(_ kind: RegisterKind) throws -> [SQLValue]? {
            try warehouse.query("SELECT version_id, sha256, source_url FROM register_versions WHERE kind = ? AND is_current = 1", [.text(kind.rawValue)]).first
        }
        func remove() { server.stop(); try? FileManager.default.removeItem(atPath: dir) }
    }

    /// A zip holding one file `name` with `contents`.
    static func zip(_ name: String, _ contents: [UInt8]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(contents.count), compressionMethod: .deflate) { position, size in
            Data(contents[Int(position)..<Int(position) + size])
        }
        return Array(archive.data!)
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test("a full fetch: this month's file is not out yet (404), last month's is downloaded, unzipped, imported with its provenance, and put in place")
    func fullFetch() throws {
        let s = try Setup()
        defer { s.remove() }
        let csv = try Self.bytes(Self.sample)
        s.server.set("/BasicCompanyDataAsOneFile-2026-11-01.zip", .init(body: try Self.zip("BasicCompanyDataAsOneFile-2026-11-01.csv", csv)))
        let source = s.source(.companiesHouse, "/BasicCompanyDataAsOneFile-{month}.zip", lookBack: .months(2), file: "BasicCompanyData.csv")
        let got = try s.fetcher().fetch(source)
        #expect(s.server.requests.map(\.path) == ["/BasicCompanyDataAsOneFile-2026-12-01.zip", "/BasicCompanyDataAsOneFile-2026-11-01.zip"])
        #expect(got.path == s.dir + "/BasicCompanyData.csv" && got.imported?.imported == 31)
        #expect(try Self.bytes(got.path) == csv)
        let version = try #require(try s.warehouse.query("""
            SELECT path, sha256, bytes, source_url, retrieved_at IS NOT NULL, is_current FROM register_versions WHERE kind = 'companies_house'
            """).first)
        #expect(version == [.text(got.path), .text(got.sha256), .integer(csv.count), .text(s.server.url("/BasicCompanyDataAsOneFile-2026-11-01.zip")), .integer(1), .integer(1)])
        #expect(!FileManager.default.fileExists(atPath: got.path + ".new"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir + "/.partial").isEmpty)
        // The next month's file replaces it: one file, the new bytes, nothing left beside it.
        let next = Array("CompanyName, CompanyNumber\r\nNEW CO LTD,01234567\r\n".utf8)
        s.server.set("/BasicCompanyDataAsOneFile-2026-12-01.zip", .init(body: try Self.zip("BasicCompanyDataAsOneFile-2026-12-01.csv", next)))
        let again = try s.fetcher().fetch(source)
        #expect(try Self.bytes(again.path) == next && again.imported?.imported == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir).filter { $0.hasPrefix("BasicCompanyData") } == ["BasicCompanyData.csv"])
    }

    @Test("an interrupted download is kept and resumed from where it stopped with a Range request")
    func resume() throws {
        let s = try Setup()
        defer { s.remove() }
        var psc = PSCSnapshot()
        for i in 0..<400 { psc.corporate(String(format: "1%07d", i), "PARENT \(i) LIMITED", number: String(format: "2%07d", i)) }
        try psc.write(s.dir + "/snapshot.txt")
        let zipped = try Self.zip("persons-with-significant-control-snapshot-2026-12-02.txt", try Self.bytes(s.dir + "/snapshot.txt"))
        let half = zipped.count / 2
        s.server.set("/psc-2026-12-02.zip", .init(body: zipped, dropAfter: half))
        let source = s.source(.psc, "/psc-{date}.zip", lookBack: .days(1), file: "psc-snapshot.txt")
        let first = #expect(throws: RegisterFetchError.self) { try s.fetcher().fetch(source) }
        #expect(first?.exitStatus == .download && (first?.reason == .network || first?.reason == .truncated))
        #expect(first?.description.contains("run the fetch again to resume") == true)
        #expect(try s.currentVersion(.psc) == nil)
        let got = try s.fetcher().fetch(source)
        #expect(s.server.requests.last?.range == "bytes=\(half)-")
        #expect(got.resumedFrom == half && got.bytes == zipped.count)
        #expect(got.imported?.imported == 400)
    }

    @Test("a resume the server cannot honour starts again: it ignores Range, the file changed meanwhile, or the part is longer than the file")
    func resumeRefused() throws {
        let s = try Setup()
        defer { s.remove() }
        let csv = try Self.bytes(Self.sample)
        let source = s.source(.companiesHouse, "/ch.csv", file: "BasicCompanyData.csv")
        // A server error part-way keeps what arrived; a server that then ignores Range sends it all again, and all is used.
        s.server.set("/ch.csv", .init(body: csv, dropAfter: 1000))
        #expect(throws: RegisterFetchError.self) { try s.fetcher().fetch(source) }
        s.server.set("/ch.csv", .init(status: 503, body: Array("busy".utf8)))
        let busy = #expect(throws: RegisterFetchError.self) { try s.fetcher().fetch(source) }
        #expect(busy?.reason == .http(503))
        #expect(((try? FileManager.default.attributesOfItem(atPath: s.dir + "/.partial/ch.csv.part")[.size]) as? Int) == 1000)
        s.server.set("/ch.csv", .init(body: csv, ignoresRange: true))
        let whole = try s.fetcher().fetch(source)
        #expect(try whole.resumedFrom == 0 && Self.bytes(whole.path) == csv && whole.imported?.imported == 31)
        // Interrupted, then the publisher replaces the file: If-Range names the old one, so the new one comes whole.
        let longer = csv + Array("\"X LTD\",\"09999999\"\r\n".utf8)
        s.server.set("/ch.csv", .init(body: csv, dropAfter: 2000))
        #expect(throws: RegisterFetchError.self) { try s.fetcher().fetch(source) }
        s.server.set("/ch.csv", .init(body: longer))
        let replaced = try s.fetcher().fetch(source)
        // (It asked for the rest, with If-Range naming the old file; the server sent the new file whole.)
        #expect(try replaced.resumedFrom == 0 && Self.bytes(replaced.path) == longer && s.server.requests.last?.range == "bytes=2000-")
        // A part of the same file (its ETag) that is already whole: the server answers 416 with the size, and it is used;
        // one longer than the file is thrown away and the file fetched whole.
        let route = LocalHTTPServer.Route(body: csv)
        s.server.set("/ch.csv", route)
        func leavePart(_ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: s.dir + "/.partial/ch.csv.part"))
            try JSONEncoder().encode(RegisterDownload.PartRecord(url: s.server.url("/ch.csv"), validator: route.etag))
                .write(to: URL(fileURLWithPath: s.dir + "/.partial/ch.csv.part.url"))
        }
        try leavePart(csv)
        let complete = try s.fetcher().fetch(source)
        #expect(try complete.bytes == csv.count && Self.bytes(complete.path) == csv && s.server.requests.last?.range == "bytes=\(csv.count)-")
        try leavePart(csv + Array("junk".utf8))
        let shorter = try s.fetcher().fetch(source)
        #expect(try shorter.resumedFrom == 0 && Self.bytes(shorter.path) == csv && s.server.requests.last?.range == nil)
    }

    @Test("a corrupt zip, an HTTP 404 and 500, and a file in a changed layout each fail clearly, and the previous version stays in use")
    func failures() throws {
        let s = try Setup()
        defer { s.remove() }
        let csv = try Self.bytes(Self.sample)
        s.server.set("/ch.zip", .init(body: try Self.zip("ch.csv", csv)))
        let source = s.source(.companiesHouse, "/ch.zip", file: "BasicCompanyData.csv")
        let good = try s.fetcher().fetch(source)
        let before = try s.currentVersion(.companiesHouse)
        func stillTheSame() throws {
            #expect(try s.currentVersion(.companiesHouse) == before)
            #expect(try Self.bytes(good.path) == csv)
            #expect(try s.warehouse.scalarInt("SELECT COUNT(*) FROM reg_companies") == 31)
            #expect(!FileManager.default.fileExists(atPath: good.path + ".new"))
        }
        // A zip cut short: its central directory is missing.
        var zipped = try Self.zip("ch.csv", csv + Array("\r\n".utf8))
        zipped.removeLast(zipped.count / 3)
        s.server.set("/ch.zip", .init(body: zipped))
        let corrupt = #expect(throws: RegisterFetchError.self) { try s.fetcher().fetch(source) }
        #expect(corrupt?.reason == .corrupt && corrupt?.exitStatus == .download)
        try stillTheSame()
        for status in [404, 500] {
            s.server.set("/ch.zip", .init(status: status, body: Array("oops".utf8)))
            let error = #expect(throws: RegisterFetchError.self) { try s.fetcher().fetch(source) }
            #expect(error?.reason == .http(status) && error?.exitStatus == .download)
            #expect(error?.description.contains("answered HTTP \(status): oops; the file and version in use before stay in use") == true)
            try stillTheSame()
        }
        // The publisher changed its columns.
        s.server.set("/ch.zip", .init(body: try Self.zip("ch.csv", Array("Name,Number\r\nA LTD,01234567\r\n".utf8))))
        let layout = #expect(throws: RegisterImportError.self) { try s.fetcher().fetch(source) }
        #expect(layout?.message.hasPrefix("not a Companies House file: no column for company_number, name") == true)
        #expect(layout?.message.contains("downloaded from \(s.server.url("/ch.zip"))") == true)
        #expect(layout?.exitStatus == .dataQuality && layout?.path == good.path + ".rejected")
        #expect(FileManager.default.fileExists(atPath: good.path + ".rejected"))
        try stillTheSame()
    }

    @Test("the command fetches what the pipeline's register_sources name into the file its registers name, and imports it")
    func command() throws {
        let s = try Setup()
        defer { s.remove() }
        try FileManager.default.createDirectory(atPath: s.dir + "/pipelines", withIntermediateDirectories: true)
        try "Payment Date,Supplier Name,Amount\r\n02/01/2026,A Ltd,1.00\r\n".write(toFile: s.dir + "/spend.csv", atomically: true, encoding: .utf8)
        try """
            pipeline: f
            body: Fetch Council
            spend: [spend.csv]
            registers:
              charity_commission: regs/charities.txt
            register_sources:
              charity_commission: \(s.server.url("/publicextract.charity.zip"))
              fca_mutuals: \(s.server.url("/SocietyList.csv"))
            """.write(toFile: s.dir + "/pipelines/f.yml", atomically: true, encoding: .utf8)
        let extract = "registered_charity_number\tlinked_charity_number\tcharity_name\tcharity_registration_status\n1000611\t0\tDENTON BURN COMMUNITY ASSOCIATION\tRegistered\n"
        s.server.set("/publicextract.charity.zip", .init(body: try Self.zip("publicextract.charity.txt", Array(extract.utf8))))
        s.server.set("/SocietyList.csv", .init(body: Array("Society Number,Society Name,Registered As\r\n10002,PEGSWOOD SOCIAL CLUB,Co-operative Society\r\n".utf8)))
        var command = try MarketShapeCommand.Registers.Fetch.parse(["charity_commission", "fca_mutuals", "--pipeline", s.dir + "/pipelines/f.yml"])
        try command.run()
        let w = try Warehouse(path: s.dir + "/data/warehouse/f.sqlite")
        #expect(try w.scalarInt("SELECT COUNT(*) FROM reg_charities") == 1)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM reg_societies") == 1)
        #expect(FileManager.default.fileExists(atPath: s.dir + "/regs/charities.txt"))
        #expect(FileManager.default.fileExists(atPath: s.dir + "/data/registers/SocietyList.csv"))
        #expect(try w.query("SELECT source_url FROM register_versions WHERE kind = 'fca_mutuals'").first == [.text(s.server.url("/SocietyList.csv"))])
        // A register with no address says where to name one, with exit status 2.
        command = try MarketShapeCommand.Registers.Fetch.parse(["postcodes", "--pipeline", s.dir + "/pipelines/f.yml"])
        let error = #expect(throws: RegisterFetchError.self) { try command.run() }
        #expect(error?.exitStatus == .badUsage && error?.message.contains("register_sources: postcodes:") == true)
    }
}
