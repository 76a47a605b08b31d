import Warehouse

/// What the marts need to know of each supplier in `dim_suppliers`, by the supplier's rank in the aggregation
/// (`SegmentAggregation.supplierKeys`): its local, SME and VCSE classes (nil when unknown) and its ownership model.
struct SupplierFacts {
    struct Facts {
        var isLocal: Bool?, isSME: Bool?, isVCSE: Bool?
        var ownership: String?
    }

    private var facts: [Facts?] = []

    static func load(_ w: WarehouseStore, keys: [Int]) throws -> SupplierFacts {
        var all = SupplierFacts()
        let rankOfKey = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) })
        all.facts = Array(repeating: nil, count: keys.count)
        struct Row: Decodable { var supplier_key: Int; var is_local: Bool?; var is_sme: Bool?; var is_vcse: Bool?; var ownership: String?; var is_public_body: Bool }
        for r in try w.fetch(Row.self, "SELECT supplier_key, is_local, is_sme, is_vcse, ownership, coalesce(is_public_body, 0) AS is_public_body FROM dim_suppliers") {
            guard let key = rankOfKey[r.supplier_key] else { continue }
            // A public body is neither SME nor VCSE nor their opposite: it never sits in those shares' denominators,
            // even when the pipeline measures public-sector spend too.
            let isPublic = r.is_public_body
            all.facts[key] = Facts(isLocal: r.is_local, isSME: isPublic ? nil : r.is_sme, isVCSE: isPublic ? nil : r.is_vcse, ownership: r.ownership)
        }
        return all
    }

    /// The facts of the supplier of rank `key`; nil for the redacted payees and the payees with no supplier (negative
    /// ranks), as a LEFT JOIN would give.
    subscript(_ key: Int32) -> Facts? {
        key >= 0 && Int(key) < facts.count ? facts[Int(key)] : nil
    }
}
