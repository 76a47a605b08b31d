import Warehouse

/// What the resolve stage publishes for later stages and the CLI besides its suppliers: the registers in use, the
/// identifiers it would not use, and the conflicts it kept apart.
public struct ResolutionReader {
    public let warehouse: WarehouseStore

    public init(_ warehouse: WarehouseStore) { self.warehouse = warehouse }

    /// A register version in use (`register_versions`).
    public struct Register: Decodable, Sendable { public var kind: String; public var version_id: Int; public var path: String; public var sha256: String; public var rows_count: Int }
    /// A published identifier value resolve would not link by, with the rows and pence that carry it (`identifier_flags`).
    public struct IdentifierFlag: Decodable, Sendable {
        public var column_name: String; public var value: String; public var flag: String; public var reason: String; public var rows_count: Int; public var pence: Int
    }

    /// The current version of each register, by kind.
    public func registersInUse() throws -> [Register] {
        try warehouse.fetch(Register.self, "SELECT kind, version_id, path, sha256, rows_count FROM register_versions WHERE is_current = 1 ORDER BY kind")
    }

    /// The identifier values not used to link payees, most rows first.
    public func identifierFlags(limit: Int) throws -> [IdentifierFlag] {
        try warehouse.fetch(IdentifierFlag.self, """
            SELECT column_name, value, flag, reason, rows_count, pence FROM identifier_flags ORDER BY rows_count DESC, column_name, value LIMIT ?
            """, [.integer(limit)])
    }

    /// A staged payee as published, and the supplier it resolved to (nil: none).
    public struct Payee: Decodable, Sendable { public var payee_id: Int; public var name: String; public var supplier_key: Int? }

    /// Every staged payee with its supplier; a redacted payee is named by its label.
    public func payees() throws -> [Payee] {
        try warehouse.fetch(Payee.self, """
            SELECT p.payee_id, coalesce(p.supplier_name, p.redaction_label, '') AS name, m.supplier_key
            FROM stg_payees p LEFT JOIN map_payee_suppliers m USING (payee_id)
            """)
    }

    /// How many identifier conflicts were kept apart.
    public func conflictsCount() throws -> Int { try warehouse.scalarInt("SELECT COUNT(*) FROM resolution_conflicts") }
}
