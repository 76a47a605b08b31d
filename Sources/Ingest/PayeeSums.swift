import MarketShapeCore
import Warehouse

/// A file's loaded lines summed per payee (payments, net and gross pence), added up from its tallies as they are
/// handed to the writer, and stored as `stg_file_payees` when the file is read: no query sums the tallies again.
/// Payee ids are dense, so the sums are an array indexed by id.
struct PayeeSums {
    private var sums: [LineTallies.Sums] = []

    mutating func add(payee: Int, _ s: LineTallies.Sums) {
        if payee >= sums.count { sums += Array(repeating: LineTallies.Sums(), count: max(payee + 1 - sums.count, sums.count)) }
        sums[payee].payments += s.payments
        sums[payee].net += s.net
        sums[payee].gross += s.gross
    }

    /// Adds another part's sums.
    mutating func add(_ other: PayeeSums) {
        for (payee, s) in other.sums.enumerated() where s.payments > 0 { add(payee: payee, s) }
    }

    /// Inserts one `stg_file_payees` row per payee with a loaded line, in payee order.
    func store(fileID: Int, in warehouse: any WarehouseStore) throws {
        let insert = try warehouse.prepare("INSERT INTO stg_file_payees (file_id, payee_id, payments_count, net_pence, gross_pence) VALUES (?,?,?,?,?)")
        for (payee, s) in sums.enumerated() where s.payments > 0 {
            insert.bind(1, fileID)
            insert.bind(2, payee)
            insert.bind(3, s.payments)
            insert.bind(4, s.net)
            insert.bind(5, s.gross)
            try insert.run()
        }
    }
}
