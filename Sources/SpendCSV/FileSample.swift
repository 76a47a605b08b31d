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

    /// UTF-8 when the sample is valid UTF-8 (allowing a sequence cut at its end), or when it is mostly UTF-8 with a
    /// few stray bytes: at least as many well-formed multi-byte sequences (`£` as C2 A3) as bytes that form none (a
    /// Windows-1252 `£`, A3, pasted in). The reader then reads each field that is not UTF-8 as Windows-1252. Else
    /// Windows-1252, whose text would rarely happen to form a UTF-8 sequence.
    public static func encoding(of sample: [UInt8]) -> TextEncoding { encodingEvidence(of: sample).encoding }

    /// The encoding, and when the sample is not valid UTF-8 the counts that decided it (one pass when it is valid).
    public static func encodingEvidence(of sample: [UInt8]) -> (encoding: TextEncoding, strays: (multiByte: Int, invalid: Int)?) {
        if isValidUTF8(sample) { return (.utf8, nil) }
        let counts = utf8Counts(sample)
        return (counts.multiByte >= counts.invalid ? .utf8 : .windows1252, counts)
    }

    /// Valid UTF-8 throughout, allowing a sequence cut at the end (the strict check, which refuses overlong forms).
    public static func isValidUTF8(_ sample: [UInt8]) -> Bool {
        sample.isEmpty || sample.withUnsafeBufferPointer { UTF8Validation.isValidPrefix($0.baseAddress!, $0.count) }
    }

    /// Well-formed multi-byte UTF-8 sequences and bytes that start none, in `sample` (a sequence cut by its end is neither).
    public static func utf8Counts(_ sample: [UInt8]) -> (multiByte: Int, invalid: Int) {
        var multiByte = 0, invalid = 0, i = 0
        let n = sample.count
        while i < n {
            let b = sample[i]
            if b < 0x80 { i += 1; continue }
            let len = b >= 0xC2 && b <= 0xDF ? 2 : b & 0xF0 == 0xE0 ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if len > 0 && i + len > n { break }
            if len > 0 && (1..<len).allSatisfy({ sample[i + $0] & 0xC0 == 0x80 }) { multiByte += 1; i += len } else { invalid += 1; i += 1 }
        }
        return (multiByte, invalid)
    }
}
