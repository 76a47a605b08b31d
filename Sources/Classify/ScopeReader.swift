import Warehouse

/// What the classify stage publishes besides the class columns of `dim_suppliers`: each payee × spending context's
/// scope and the rule that decided it (`map_payment_scope`).
public struct ScopeReader {
    public let warehouse: WarehouseStore

    public init(_ warehouse: WarehouseStore) { self.warehouse = warehouse }

    /// The scope of payments to a payee in a spending context, and the rule that decided it.
    public struct PairScope: Decodable, Sendable { public var payee_id: Int; public var context_id: Int; public var scope: String; public var rule: String }

    /// Every payee × context pair's scope.
    public func pairs() throws -> [PairScope] {
        try warehouse.fetch(PairScope.self, "SELECT payee_id, context_id, scope, rule FROM map_payment_scope")
    }
}
