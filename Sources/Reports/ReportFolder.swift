import Foundation

/// Writes a report folder atomically: into a temporary sibling, then swapped into place with one rename (Linux's
/// `renameat2` exchange; elsewhere two renames), then (when asked) `latest` repointed by an atomic rename of a new
/// symlink. What a killed or failed earlier write left behind (`.PERIOD.tmp-PID`, `.PERIOD.old-PID`, `.latest-PID`,
/// `*.csv.tmp`) is removed first: the caller holds the warehouse lock, so no other write is under way.
public enum ReportFolder {
    public static func write(root: String, period: String, updateLatest: Bool = true, _ body: (String) throws -> Void) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        removeLeftovers(root)
        let final = root + "/" + period
        let staging = root + "/.\(period).tmp-\(getpid())"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do { try body(staging) } catch { try? fm.removeItem(atPath: staging); throw error }
        if fm.fileExists(atPath: final), exchange(staging, final) {
            try? fm.removeItem(atPath: staging)   // it now holds the previous report
        } else {
            let old = root + "/.\(period).old-\(getpid())"
            if fm.fileExists(atPath: final) { try fm.moveItem(atPath: final, toPath: old) }
            try fm.moveItem(atPath: staging, toPath: final)
            try? fm.removeItem(atPath: old)
        }
        guard updateLatest else { return final }
        let latestTmp = root + "/.latest-\(getpid())"
        try? fm.removeItem(atPath: latestTmp)
        try fm.createSymbolicLink(atPath: latestTmp, withDestinationPath: period)
        if rename(latestTmp, root + "/latest") != 0 { throw CocoaError(.fileWriteUnknown) }
        return final
    }

    /// Swaps two paths in one rename, where the system can; false when it cannot (then nothing moved).
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        // glibc's renameat2 (2.28+), looked up at run time: Swift's Glibc module does not declare it.
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
        #else
        return false
        #endif
    }

    /// The temporary folders, links and files of earlier writes that did not finish (killed, or failed mid-way).
    public static func removeLeftovers(_ root: String) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: root)) ?? [] {
            let isLeftover = (name.hasPrefix(".") && (name.contains(".tmp-") || name.contains(".old-") || name.hasPrefix(".latest-"))) || name.hasSuffix(".csv.tmp")
            if isLeftover { try? fm.removeItem(atPath: root + "/" + name) }
        }
    }
}
