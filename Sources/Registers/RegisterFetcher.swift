import Foundation
import MarketShapeCore
import StageKit
import Warehouse
import ZIPFoundation

/// `registers fetch`: downloads each register from its source, unpacks a zip (ZIPFoundation, checksums verified),
/// imports the file into the warehouse with its provenance, and only then puts it where the pipeline reads it. After any
/// failure the previous file and the previous version stay in use; a partial download is kept for the next fetch.
public struct RegisterFetcher {
    public let folder: String
    /// Opens the warehouse to import into, under its lock, for the import alone (the download holds no lock, so a
    /// scheduled run is not kept waiting for gigabytes); returns it with what releases it. Nil with `--dir`: download
    /// and unpack only.
    public let warehouse: (() throws -> (store: WarehouseStore, release: () -> Void))?
    public let console: any Console
    public var today = Date()
    public var timeout: TimeInterval = 60

    public init(folder: String, warehouse: (() throws -> (store: WarehouseStore, release: () -> Void))?, console: any Console) {
        self.folder = folder; self.warehouse = warehouse; self.console = console
    }

    /// What one fetch did.
    public struct Fetched: Sendable {
        public var kind: RegisterKind
        public var url: String
        public var path: String
        public var bytes: Int
        public var sha256: String
        public var resumedFrom: Int
        public var imported: RegisterImport?
    }

    /// Fetches `kind` from `source` into `destination` (a path; the register's default name in `folder` when nil).
    public func fetch(_ source: RegisterSource, destination: String? = nil) throws -> Fetched {
        let kind = source.kind
        let dest = destination ?? "\(folder)/\(source.fileName)"
        let partial = "\(folder)/.partial"
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        var lastError: Error?
        let candidates = source.candidates(today: today)
        for candidate in candidates {
            guard let url = URL(string: candidate), url.scheme != nil else {
                throw RegisterFetchError(kind: kind, reason: .noSource, message: "\(candidate) is not an address")
            }
            let part = "\(partial)/\(url.lastPathComponent.isEmpty ? kind.rawValue : url.lastPathComponent).part"
            let meter = console.meter("fetch \(kind.rawValue) \(url.lastPathComponent)", total: nil, unit: .bytes)
            defer { meter.finish() }
            do {
                let got = try RegisterDownload(url: url, partPath: part, timeout: timeout).run(kind: kind, meter: meter)
                return try install(kind: kind, downloaded: part, from: candidate, bytes: got.bytes, resumedFrom: got.resumedFrom, destination: dest)
            } catch let e as RegisterFetchError where e.reason == .http(404) && candidate != candidates.last {
                // A dated file not published yet: try the day or month before.
                lastError = e
                continue
            }
        }
        throw lastError ?? RegisterFetchError(kind: kind, reason: .noSource, message: "no address to try")
    }

    /// Unpacks (when a zip), imports with provenance, then moves the file into place.
    func install(kind: RegisterKind, downloaded part: String, from url: String, bytes: Int, resumedFrom: Int, destination dest: String) throws -> Fetched {
        let fm = FileManager.default
        let staged = dest + ".new"
        try? fm.removeItem(atPath: staged)
        if Self.isZip(part) {
            try unzip(kind: kind, part, to: staged)
            try fm.removeItem(atPath: part)
        } else {
            try fm.moveItem(atPath: part, toPath: staged)
        }
        let sha = try FileDigest.sha256(path: staged)
        var imported: RegisterImport? = nil
        let retrieved = ISO8601DateFormatter().string(from: Date())
        guard let open = warehouse else {
            try Self.rename(staged, dest)
            return Fetched(kind: kind, url: url, path: dest, bytes: bytes, sha256: sha, resumedFrom: resumedFrom, imported: nil)
        }
        let (w, release) = try open()
        defer { release() }
        let meter = console.meter(file: staged, label: "import \(kind.rawValue)")
        defer { meter.finish() }
        do {
            imported = try RegisterImporter(warehouse: w).importFile(kind, path: staged, meter: meter, provenance: .init(sourceURL: url, retrievedAt: retrieved))
        } catch let error as RegisterImportError {
            // Kept for the analyst to look at; the file the pipeline reads and the version in use are untouched.
            let rejected = dest + ".rejected"
            try? fm.removeItem(atPath: rejected)
            try? fm.moveItem(atPath: staged, toPath: rejected)
            throw RegisterImportError(path: rejected, message: "\(error.message) (downloaded from \(url); the previous version stays in use)")
        } catch {
            try? fm.removeItem(atPath: staged)
            throw error
        }
        // The new file replaces the old in one rename; the version it imported as names the final path.
        try Self.rename(staged, dest)
        if let version = imported?.versionID {
            try w.run("UPDATE register_versions SET path = ? WHERE version_id = ?", [.text(dest), .integer(version)])
            if imported?.changed == false {
                try w.run("UPDATE register_versions SET source_url = ?, retrieved_at = ? WHERE version_id = ?", [.text(url), .text(retrieved), .integer(version)])
            }
        }
        return Fetched(kind: kind, url: url, path: dest, bytes: bytes, sha256: sha, resumedFrom: resumedFrom, imported: imported)
    }

    /// Moves `from` over `to` in one rename(2), replacing it (Foundation's replaceItemAt swaps the two on Linux, which
    /// would leave the old file behind).
    static func rename(_ from: String, _ to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to, NSLocalizedDescriptionKey: "cannot move \(from) to \(to): \(String(cString: strerror(errno)))"])
        }
    }

    /// A zip starts with a local file header, `PK\u{3}\u{4}`.
    static func isZip(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        return (try? h.read(upToCount: 4)) == Data([0x50, 0x4B, 0x03, 0x04])
    }

    /// Extracts the register from a zip: its one `.csv` or `.txt` entry, or the largest of them (checksum verified).
    func unzip(kind: RegisterKind, _ path: String, to out: String) throws {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw RegisterFetchError(kind: kind, reason: .corrupt, message: "the download is not a readable zip (truncated or corrupt: \(error)); it was deleted, so the next fetch downloads it again")
        }
        let entries = archive.filter { entry in entry.type == .file && [".csv", ".txt", ".json"].contains { entry.path.lowercased().hasSuffix($0) } }
        guard let entry = entries.max(by: { $0.uncompressedSize < $1.uncompressedSize }) else {
            throw RegisterFetchError(kind: kind, reason: .corrupt, message: "the zip holds no .csv, .txt or .json file (it holds \(archive.map(\.path).prefix(5).joined(separator: ", ")))")
        }
        do { _ = try archive.extract(entry, to: URL(fileURLWithPath: out)) } catch {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: path)
            throw RegisterFetchError(kind: kind, reason: .corrupt, message: "\(entry.path) in the zip cannot be extracted (\(error)); the download was deleted, so the next fetch downloads it again")
        }
    }
}
