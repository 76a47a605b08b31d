/// How a CSV file is written: its delimiter, quote character and text encoding.
public struct CSVDialect: Sendable, Equatable, Codable {
    public var delimiter: UInt8
    public var quote: UInt8
    public var encoding: TextEncoding

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), encoding: TextEncoding = .utf8) {
        self.delimiter = delimiter; self.quote = quote; self.encoding = encoding
    }

    /// The delimiter as people write it: `,` `;` `|` or `tab`.
    public var delimiterName: String { delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter)) }
}

/// The encodings councils publish in. Windows-1252 bytes are transcoded to UTF-8 as they are read.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
}
