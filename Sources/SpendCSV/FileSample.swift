import Foundation

/// The first bytes of a file, for sniffing how it is written.
public enum FileSample {
    /// Up to `maxBytes` bytes from the start of the file at `path`.
    public static func read(path: String, maxBytes: Int) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw CSVReadError(path: path, line: 0, message: "cannot open") }
        defer { fclose(file) }
        var bytes = [UInt8](repeating: 0, count: maxBytes)
        let n = fread(&bytes, 1, maxBytes, file)
        bytes.removeLast(maxBytes - n)
        return bytes
    }

    /// UTF-8 when the sample is valid UTF-8 (allowing a sequence cut at its end), else Windows-1252.
    public static func encoding(of sample: [UInt8]) -> TextEncoding {
        let valid = sample.isEmpty || sample.withUnsafeBufferPointer { UTF8Validation.isValidPrefix($0.baseAddress!, $0.count) }
        return valid ? .utf8 : .windows1252
    }
}
