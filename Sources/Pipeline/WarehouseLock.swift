import Foundation
import MarketShapeCore
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive, non-blocking lock per warehouse (`flock` on `<warehouse>.lock`), so two runs never
/// interleave. The kernel releases it if the process dies, so a crash never leaves a stale lock.
public final class WarehouseLock {
    public let path: String
    private var fd: Int32

    /// Takes the lock or throws at once: `LockHeldError` (exit 75, worth retrying) only when another process holds
    /// it; `WarehouseFolderError` (exit 1) when the folder cannot be made or the lock file opened (missing, read-only,
    /// a file in the way), which no retry mends.
    public init(warehouse: String) throws {
        path = warehouse + ".lock"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WarehouseFolderError(path: folder, problem: "the warehouse folder \(folder) cannot be created (a file is in the way, or a parent folder is read-only)")
        }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WarehouseFolderError(path: path, problem: "the warehouse lock file \(path) cannot be opened: \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK else {
                close(fd)
                fd = -1
                throw WarehouseFolderError(path: path, problem: "the warehouse lock file \(path) cannot be locked: \(String(cString: strerror(reason)))")
            }
            var holder = [UInt8](repeating: 0, count: 256)
            let n = pread(fd, &holder, 255, 0)
            close(fd)
            fd = -1
            throw LockHeldError(path: path, holder: String(decoding: holder.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(in: "\n "))
        }
        let note = "pid \(getpid()) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// Releases the lock (also done on deinit).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}

/// The warehouse's folder or lock file cannot be used: a permanent error, not a lock to wait for.
public struct WarehouseFolderError: Error, CustomStringConvertible, ExitStatusProviding {
    public var path: String
    public var problem: String
    public var exitStatus: ExitStatus { .failure }
    public var description: String { "\(problem); this is not a lock held by another run, so waiting will not help: fix the path or its permissions" }
}

/// Another run holds the warehouse lock.
public struct LockHeldError: Error, CustomStringConvertible, ExitStatusProviding {
    public var path: String
    public var holder: String
    public var exitStatus: ExitStatus { .locked }
    public var description: String {
        "another run holds the lock \(path)\(holder.isEmpty ? "" : " (\(holder))"); nothing was done, try again later"
    }
}
