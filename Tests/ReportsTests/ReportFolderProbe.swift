import Foundation
import Reports

/// Drives `ReportFolder.write` with a writer that fails halfway.
enum ReportFolderProbe {
    struct Failure: Error {}
    static func failingWrite(root: String, period: String) throws -> String {
        try ReportFolder.write(root: root, period: period) { dir in
            try "half".write(toFile: dir + "/index.html", atomically: false, encoding: .utf8)
            throw Failure()
        }
    }
}
