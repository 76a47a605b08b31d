import Foundation

/// Reads a file one line at a time in 1 MiB chunks, so memory stays bounded whatever the file's size: each line's
/// bytes (without its `\n` or `\r\n`) are handed to the body with its 1-based line number, and are valid only then.
struct JSONLinesReader {
    let path: String
    var chunkSize = 1 << 20

    /// Calls `body` for every line, and `onBytesRead` after each chunk with that chunk's size.
    func forEachLine(onBytesRead: (Int) -> Void = { _ in }, _ body: (UnsafeRawBufferPointer, Int) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RegisterImportError(path: path, message: "cannot be opened for reading")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var lineNo = 0
        func emit(_ line: UnsafeRawBufferPointer) throws {
            lineNo += 1
            var end = line.count
            if end > 0 && line[end - 1] == 0x0D { end -= 1 }
            try body(UnsafeRawBufferPointer(rebasing: line[0..<end]), lineNo)
        }
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            onBytesRead(chunk.count)
            try chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                var start = 0
                while let newline = raw[start...].firstIndex(of: 0x0A) {
                    if pending.isEmpty {
                        try emit(UnsafeRawBufferPointer(rebasing: raw[start..<newline]))
                    } else {
                        pending.append(contentsOf: raw[start..<newline])
                        try pending.withUnsafeBytes { try emit($0) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    start = newline + 1
                }
                pending.append(contentsOf: raw[start...])
            }
        }
        if !pending.isEmpty { try pending.withUnsafeBytes { try emit($0) } }
    }
}
