/// How a CSV file is written: its delimiter, quote character and text encoding.
public struct CSVDialect: Sendable, Equatable, Codable {
    public var delimiter: UInt8
    public var quote: UInt8
    public var encoding: TextEncoding
    /// Whether quoted fields that go on after their closing quote (`"Quoted" Trailing Ltd`) are mended as they are
    /// read (`QuoteRepair`); sniffing sets it when the sample shows one.
    public var mendsQuotes = false

    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""), encoding: TextEncoding = .utf8, mendsQuotes: Bool = false) {
        self.delimiter = delimiter; self.quote = quote; self.encoding = encoding; self.mendsQuotes = mendsQuotes
    }

    private enum CodingKeys: String, CodingKey { case delimiter, quote, encoding, mendsQuotes }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(delimiter: try c.decode(UInt8.self, forKey: .delimiter), quote: try c.decode(UInt8.self, forKey: .quote),
                  encoding: try c.decode(TextEncoding.self, forKey: .encoding), mendsQuotes: try c.decodeIfPresent(Bool.self, forKey: .mendsQuotes) ?? false)
    }

    /// `mendsQuotes` is written only when set, so a file read without it records the settings it always did.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(delimiter, forKey: .delimiter)
        try c.encode(quote, forKey: .quote)
        try c.encode(encoding, forKey: .encoding)
        if mendsQuotes { try c.encode(true, forKey: .mendsQuotes) }
    }

    /// The delimiter as people write it: `,` `;` `|` or `tab`.
    public var delimiterName: String { delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter)) }
}

/// The encodings councils publish in. Windows-1252 bytes are transcoded to UTF-8 as they are read.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
}
