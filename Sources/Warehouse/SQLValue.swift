/// A value going into or coming out of the warehouse.
public enum SQLValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case null
    case integer(Int)
    case real(Double)
    case text(String)

    public var int: Int? {
        switch self { case .integer(let v): return v; case .real(let v): return Int(v); case .text(let s): return Int(s); case .null: return nil }
    }
    public var double: Double? {
        switch self { case .integer(let v): return Double(v); case .real(let v): return v; case .text(let s): return Double(s); case .null: return nil }
    }
    public var string: String? {
        switch self { case .text(let s): return s; case .integer(let v): return String(v); case .real(let v): return String(v); case .null: return nil }
    }
    public var isNull: Bool { self == .null }
    public var description: String { string ?? "NULL" }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension Optional where Wrapped == String {
    /// Text, or NULL when nil.
    public var sql: SQLValue { map(SQLValue.text) ?? .null }
}
extension Optional where Wrapped == Int {
    public var sql: SQLValue { map(SQLValue.integer) ?? .null }
}
extension Optional where Wrapped == Bool {
    public var sql: SQLValue { map { SQLValue.integer($0 ? 1 : 0) } ?? .null }
}
extension Optional where Wrapped == Double {
    public var sql: SQLValue { map(SQLValue.real) ?? .null }
}
