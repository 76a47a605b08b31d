import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file's size, modification time (nanoseconds) and inode: when they are what they were when its bytes were
/// hashed, the bytes are taken to be the same without reading them again, as git's index does. A stamp is only
/// trusted when the file was last modified at least two seconds before it was taken, so that a file rewritten
/// within the clock's resolution after hashing is hashed again.
struct FileStamp {
    /// `size:mtime_ns:inode`.
    let text: String
    /// The stamp to record, or nil when the file changed too recently to be sure of.
    let trusted: String?

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        text = "\(info.st_size):\(mtime):\(info.st_ino)"
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000_000)
        trusted = now - mtime >= 2_000_000_000 ? text : nil
    }
}
