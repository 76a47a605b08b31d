import Foundation

/// Reads query rows into `Decodable` types by column name, so that readers name what they read instead of
/// counting columns: `struct Total: Decodable { var scope: String; var total_pence: Int }`. A column that is NULL
/// decodes as nil; a column a type asks for but the query lacks is an error naming it.
public enum RowDecoder {
    /// A query's column names and where each stands, worked out once for all its rows (the first of a repeated name wins).
    public struct ColumnIndex: Sendable {
        let names: [String]
        let index: [String: Int]
        public init(_ names: [String]) {
            self.names = names
            index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Decodes one row, given the query's columns.
    public static func decode<T: Decodable>(_ type: T.Type, columns: ColumnIndex, values: [SQLValue]) throws -> T {
        try T(from: Cells(columns: columns, values: values))
    }

    struct Cells: Decoder {
        let columns: ColumnIndex
        let values: [SQLValue]
        var names: [String] { columns.names }
        var codingPath: [CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] = [:]

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Columns<Key>(cells: self))
        }
        func unkeyedContainer() throws -> UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([SQLValue].self, .init(codingPath: codingPath, debugDescription: "a row decodes into a keyed type"))
        }
        func singleValueContainer() throws -> SingleValueDecodingContainer {
            throw DecodingError.typeMismatch(SQLValue.self, .init(codingPath: codingPath, debugDescription: "a row decodes into a keyed type"))
        }

        func value(_ key: CodingKey) throws -> SQLValue {
            guard let i = columns.index[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "the query has no column \(key.stringValue) (it has \(names.joined(separator: ", ")))"))
            }
            return values[i]
        }
    }

    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let cells: Cells
        var codingPath: [CodingKey] { cells.codingPath }
        var allKeys: [Key] { cells.names.compactMap(Key.init(stringValue:)) }

        func contains(_ key: Key) -> Bool { cells.columns.index[key.stringValue] != nil }
        func decodeNil(forKey key: Key) throws -> Bool { try cells.value(key) == .null }

        // Values convert as `SQLValue`'s accessors do (text that reads as a number is one); NULL, or a value that does not
        // convert, is nil for an optional property and an error for any other.
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try required(cells.value(key).int, key) != 0 }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try required(cells.value(key).string, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try required(cells.value(key).double, key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try required(cells.value(key).int, key) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try cells.value(key).int.map { $0 != 0 } }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try cells.value(key).string }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try cells.value(key).double }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try cells.value(key).int }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            throw mismatch(type, key, "only Int, Double, String and Bool columns are read")
        }

        func required<T>(_ value: T?, _ key: Key) throws -> T {
            guard let value else { throw mismatch(T.self, key, "NULL, or not a \(T.self)") }
            return value
        }
        func mismatch(_ type: Any.Type, _ key: Key, _ what: String) -> DecodingError {
            .typeMismatch(type, .init(codingPath: codingPath + [key], debugDescription: "column \(key.stringValue): \(what)"))
        }

        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            throw mismatch(type, key, "a column holds one value")
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { throw mismatch([Any].self, key, "a column holds one value") }
        func superDecoder() throws -> Decoder { cells }
        func superDecoder(forKey key: Key) throws -> Decoder { cells }
    }
}
