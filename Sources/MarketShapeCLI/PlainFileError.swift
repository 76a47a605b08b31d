import Foundation

/// A Foundation file error (`NSCocoaErrorDomain Code=516 …`) said in plain words, with what and where: the path and
/// what is wrong with it, so that a cron mail can be acted on without looking codes up.
enum PlainFileError {
    /// The plain message for `error`, or nil when it is not a Foundation file error.
    static func message(for error: Error) -> String? {
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? "a file"
        let what: String
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteFileExists: what = "cannot be created: something is already there (a file where a folder is needed, or the reverse)"
        case .fileWriteOutOfSpace: what = "cannot be written: the disk is full"
        case .fileWriteVolumeReadOnly: what = "cannot be written: the disk is read-only"
        case .fileWriteNoPermission: what = "cannot be written: no permission (check the folder's owner and mode)"
        case .fileReadNoSuchFile, .fileNoSuchFile: what = "does not exist"
        case .fileReadNoPermission: what = "cannot be read: no permission"
        case .fileReadCorruptFile: what = "cannot be read: it is damaged or not in the expected format"
        case .fileLocking: what = "is locked by another program"
        default: what = "cannot be used (\(ns.localizedDescription))"
        }
        return "\(path) \(what)"
    }
}
