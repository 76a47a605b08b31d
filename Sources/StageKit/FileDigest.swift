import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 of a file, streamed through one reused 1 MiB buffer, as lower-case hex.
public enum FileDigest {
    public static func sha256(path: String) throws -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let n = read(fd, buffer.baseAddress, size)
            if n < 0 { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// A file's SHA-256 worked out on another thread, for when the caller has other work to do meanwhile.
public final class PendingDigest: @unchecked Sendable {
    private var result: Result<String, Error>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts hashing `path` at once.
    public init(path: String) {
        DispatchQueue.global().async { [self] in
            result = Result { try FileDigest.sha256(path: path) }
            done.signal()
        }
    }

    /// The digest, waiting for it if need be.
    public func value() throws -> String {
        done.wait()
        done.signal()
        return try result!.get()
    }
}

/// SHA-256 of text, as lower-case hex: the digests lineage records for settings and inputs.
public enum TextDigest {
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
