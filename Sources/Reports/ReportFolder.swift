import Foundation

/// Writes a report folder atomically: into a temporary sibling, then renamed into place, then (when asked)
/// `latest` repointed by an atomic rename of a new symlink.
public enum ReportFolder {
    public static func write(root: String, period: String, updateLatest: Bool = true, _ body: (String) throws -> Void) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        let final = root + "/" + period
        let staging = root + "/.\(period).tmp-\(getpid())"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do { try body(staging) } catch { try? fm.removeItem(atPath: staging); throw error }
        let old = root + "/.\(period).old-\(getpid())"
        if fm.fileExists(atPath: final) { try fm.moveItem(atPath: final, toPath: old) }
        try fm.moveItem(atPath: staging, toPath: final)
        try? fm.removeItem(atPath: old)
        guard updateLatest else { return final }
        let latestTmp = root + "/.latest-\(getpid())"
        try? fm.removeItem(atPath: latestTmp)
        try fm.createSymbolicLink(atPath: latestTmp, withDestinationPath: period)
        if rename(latestTmp, root + "/latest") != 0 { throw CocoaError(.fileWriteUnknown) }
        return final
    }
}
