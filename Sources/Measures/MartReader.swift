import MarketShapeCore
import Warehouse

/// What the measure stage publishes for later stages and the CLI: its marts, read by name into typed rows. The
/// report reads the marts only through this reader; each method is one question a report asks.
public struct MartReader {
    public let warehouse: WarehouseStore

    public init(_ warehouse: WarehouseStore) { self.warehouse = warehouse }

    /// A market (period × segment) of `mart_spend`: spend, payments, suppliers and the class sums with their coverage.
    public struct Spend: Decodable, Sendable {
        public var period: String, segment: String
        public var total_pence: Int, payments_count: Int, suppliers_count: Int, redacted_pence: Int, purchase_card_pence: Int
        public var local_known_pence: Int, local_pence: Int, sme_known_pence: Int, sme_pence: Int, vcse_known_pence: Int, vcse_pence: Int
        public var sme_or_vcse_known_pence: Int, sme_or_vcse_pence: Int
    }
    /// A market's spend with its concentration (`mart_spend` joined to `mart_concentration`).
    public struct Market: Decodable, Sendable {
        public var period: String; public var segment: String; public var total_pence: Int; public var suppliers_count: Int; public var redacted_pence: Int
        public var local_known_pence: Int; public var local_pence: Int; public var sme_known_pence: Int; public var sme_pence: Int
        public var vcse_known_pence: Int; public var vcse_pence: Int
        public var concentration_suppliers_count: Int
        public var hhi: Double?; public var cr4_share: Double?; public var band: String; public var is_thin: Bool; public var top_supplier_share: Double?
        /// The same by owner group (nil when no supplier has a corporate parent in the PSC register).
        public var groups_count: Int?; public var group_hhi: Double?; public var group_cr4_share: Double?; public var top_group_share: Double?; public var top_group: String?
        /// The largest owner group holding two or more of its suppliers, its share and how many.
        public var merged_group: String?; public var merged_group_share: Double?; public var merged_group_suppliers: Int?
        /// The groups that add most HHI points once counted as one, as JSON.
        public var merged_groups: String?
    }
    /// A period's spend in one scope (`mart_scope`).
    public struct ScopeTotal: Decodable, Sendable { public var scope: String; public var total_pence: Int; public var payments_count: Int }
    /// A payee outside the measured scopes, with the rule that put it there (`mart_scope_payees`).
    public struct OutsidePayee: Decodable, Sendable {
        public var payee_name: String; public var scope: String; public var rule: String; public var total_pence: Int; public var payments_count: Int
    }
    /// A market's spend with one ownership model (`mart_ownership`).
    public struct Ownership: Decodable, Sendable { public var segment: String; public var ownership: String; public var spend_pence: Int; public var suppliers_count: Int }
    /// A market's entrants, exits and changes (`mart_dynamics`).
    public struct Dynamics: Decodable, Sendable {
        public var previous_period: String?; public var active_count: Int; public var entrants_count: Int?; public var exits_count: Int?
        public var entrant_spend_share: Double?; public var local_share_change: Double?; public var sme_share_change: Double?
        public var vcse_share_change: Double?; public var hhi_change: Double?; public var year_ago_period: String?; public var hhi_change_year: Double?
    }
    /// A services × places cell (`mart_place_services`).
    public struct PlaceService: Decodable, Sendable { public var place: String; public var service: String; public var spend_pence: Int; public var suppliers_count: Int }
    /// Two services' overlap in places (`mart_service_overlap`).
    public struct ServiceOverlap: Decodable, Sendable {
        public var service_a: String; public var service_b: String; public var shared_places_count: Int; public var jaccard_share: Double?
    }

    static let key = "period_kind = ? AND period = ?"

    /// The periods of `kind` measured (every kind when nil), in order.
    public func periods(kind: String?) throws -> [String] {
        struct Period: Decodable { var period: String }
        let rows: [Period]
        if let kind {
            rows = try warehouse.fetch(Period.self, "SELECT DISTINCT period FROM mart_spend WHERE period_kind = ? ORDER BY 1", [.text(kind)])
        } else {
            rows = try warehouse.fetch(Period.self, "SELECT DISTINCT period FROM mart_spend ORDER BY 1")
        }
        return rows.map(\.period)
    }

    /// A period's spend in each scope.
    public func scopeTotals(kind: String, period: String) throws -> [ScopeTotal] {
        try warehouse.fetch(ScopeTotal.self, "SELECT scope, total_pence, payments_count FROM mart_scope WHERE \(Self.key)", [.text(kind), .text(period)])
    }

    /// The staged spend of these months, every scope (`mart_months`).
    public func monthsSpend(_ months: [String]) throws -> Int {
        try warehouse.scalarInt("SELECT coalesce(SUM(spend_pence), 0) FROM mart_months WHERE period_month IN (\(months.map { "'\($0)'" }.joined(separator: ",")))")
    }

    /// The largest payees of a period outside the measured scopes.
    public func outsidePayees(kind: String, period: String, limit: Int) throws -> [OutsidePayee] {
        try warehouse.fetch(OutsidePayee.self, """
            SELECT payee_name, scope, rule, SUM(total_pence) AS total_pence, SUM(payments_count) AS payments_count FROM mart_scope_payees
            WHERE \(Self.key) GROUP BY 1, 2, 3 ORDER BY abs(SUM(total_pence)) DESC, 1 LIMIT ?
            """, [.text(kind), .text(period), .integer(limit)])
    }

    /// Every market of a segment kind in a period, largest first (`all` has the one).
    public func spend(kind: String, period: String, segmentKind: String) throws -> [Spend] {
        try warehouse.fetch(Spend.self, "SELECT * FROM mart_spend WHERE \(Self.key) AND segment_kind = ? ORDER BY total_pence DESC, segment",
                            [.text(kind), .text(period), .text(segmentKind)])
    }

    /// Every market of a segment kind in a period with its concentration, largest first.
    public func markets(kind: String, period: String, segmentKind: String) throws -> [Market] {
        try warehouse.fetch(Market.self, """
            SELECT s.*, c.suppliers_count AS concentration_suppliers_count, c.hhi, c.cr4_share, c.band, c.is_thin, c.top_supplier_share,
              c.groups_count, c.group_hhi, c.group_cr4_share, c.top_group_share, c.top_group,
              c.merged_group, c.merged_group_share, c.merged_group_suppliers, c.merged_groups
            FROM mart_spend s JOIN mart_concentration c USING (period_kind, period, segment_kind, segment)
            WHERE s.period_kind = ? AND s.period = ? AND s.segment_kind = ? ORDER BY s.total_pence DESC, s.segment
            """, [.text(kind), .text(period), .text(segmentKind)])
    }

    /// The whole body's months up to and including `month`, newest `count`, oldest first, with their concentration.
    public func monthlyTrend(through month: String, count: Int) throws -> [Market] {
        try warehouse.fetch(Market.self, """
            SELECT s.*, c.suppliers_count AS concentration_suppliers_count, c.hhi, c.cr4_share, c.band, c.is_thin, c.top_supplier_share,
              c.groups_count, c.group_hhi, c.group_cr4_share, c.top_group_share, c.top_group,
              c.merged_group, c.merged_group_share, c.merged_group_suppliers, c.merged_groups
            FROM mart_spend s JOIN mart_concentration c USING (period_kind, period, segment_kind, segment)
            WHERE s.period_kind = 'month' AND s.segment_kind = '\(SegmentKind.all)' AND s.period <= ? ORDER BY s.period DESC LIMIT ?
            """, [.text(month), .integer(count)]).reversed()
    }

    /// A market's spend by ownership model, largest first; `segmentLike` keeps the segments matching any of its
    /// patterns (`%care%`), in segment order.
    public func ownership(kind: String, period: String, segmentKind: String, segmentLike: [String] = []) throws -> [Ownership] {
        try warehouse.fetch(Ownership.self, """
            SELECT segment, ownership, spend_pence, suppliers_count FROM mart_ownership WHERE \(Self.key) AND segment_kind = ?
            \(segmentLike.isEmpty ? "" : "AND (" + segmentLike.map { _ in "lower(segment) LIKE ?" }.joined(separator: " OR ") + ")")
            ORDER BY \(segmentLike.isEmpty ? "spend_pence DESC, ownership" : "segment")
            """, [.text(kind), .text(period), .text(segmentKind)] + segmentLike.map { .text($0) })
    }

    /// The whole body's dynamics in a period, if measured.
    public func dynamics(kind: String, period: String) throws -> Dynamics? {
        try warehouse.fetch(Dynamics.self, """
            SELECT previous_period, active_count, entrants_count, exits_count, entrant_spend_share, local_share_change, sme_share_change,
              vcse_share_change, hhi_change, year_ago_period, hhi_change_year
            FROM mart_dynamics WHERE \(Self.key) AND segment_kind = '\(SegmentKind.all)'
            """, [.text(kind), .text(period)]).first
    }

    /// One market's spend (`segment` of `segmentKind`), if it had any in the period.
    public func spend(kind: String, period: String, segmentKind: String, segment: String) throws -> Spend? {
        try warehouse.fetch(Spend.self, "SELECT * FROM mart_spend WHERE \(Self.key) AND segment_kind = ? AND segment = ?",
                            [.text(kind), .text(period), .text(segmentKind), .text(segment)]).first
    }

    /// One market's spend and concentration, if it had any spend in the period.
    public func market(kind: String, period: String, segmentKind: String, segment: String) throws -> Market? {
        try warehouse.fetch(Market.self, """
            SELECT s.*, c.suppliers_count AS concentration_suppliers_count, c.hhi, c.cr4_share, c.band, c.is_thin, c.top_supplier_share,
              c.groups_count, c.group_hhi, c.group_cr4_share, c.top_group_share, c.top_group,
              c.merged_group, c.merged_group_share, c.merged_group_suppliers, c.merged_groups
            FROM mart_spend s JOIN mart_concentration c USING (period_kind, period, segment_kind, segment)
            WHERE s.period_kind = ? AND s.period = ? AND s.segment_kind = ? AND s.segment = ?
            """, [.text(kind), .text(period), .text(segmentKind), .text(segment)]).first
    }

    /// One market's spend by ownership model.
    public func ownership(kind: String, period: String, segmentKind: String, segment: String) throws -> [Ownership] {
        try warehouse.fetch(Ownership.self, "SELECT segment, ownership, spend_pence, suppliers_count FROM mart_ownership WHERE \(Self.key) AND segment_kind = ? AND segment = ?",
                            [.text(kind), .text(period), .text(segmentKind), .text(segment)])
    }

    /// The latest period of `kind` measured, if any.
    public func latestPeriod(kind: String) throws -> String? {
        struct Latest: Decodable { var period: String? }
        return try warehouse.fetch(Latest.self, "SELECT MAX(period) AS period FROM mart_spend WHERE period_kind = ?", [.text(kind)]).first?.period
    }

    /// A month's payments and spend in every scope (`mart_months`).
    public struct MonthTotal: Decodable, Sendable { public var period_month: String; public var payments_count: Int; public var spend_pence: Int }

    /// Every month with payments, its payments and spend in every scope, in order.
    public func monthTotals() throws -> [MonthTotal] {
        try warehouse.fetch(MonthTotal.self, "SELECT period_month, payments_count, spend_pence FROM mart_months ORDER BY 1")
    }

    /// Every month with payments (`mart_months`), in order.
    public func months() throws -> [String] {
        struct Month: Decodable { var period_month: String }
        return try warehouse.fetch(Month.self, "SELECT period_month FROM mart_months ORDER BY 1").map(\.period_month)
    }

    /// A supplier's spend in a period, with its name and classes from `dim_suppliers` (nil: unknown).
    public struct SupplierSpend: Decodable, Sendable {
        public var supplier_key: Int; public var display_name: String; public var supplier_id: String; public var pence: Int; public var gross_pence: Int
        public var is_local: Bool?; public var is_sme: Bool?; public var is_sme_proxy: Bool?; public var is_vcse: Bool?; public var is_public_body: Bool?
        public var ownership: String?; public var resolution_method: String
    }
    /// A segment's largest supplier by net spend (ties by name).
    public struct LargestSupplier: Decodable, Sendable { public var segment: String; public var display_name: String; public var is_public_body: Bool }
    /// A supplier working in several services in one place (`mart_place_suppliers`).
    public struct PlaceSupplier: Decodable, Sendable { public var place: String; public var display_name: String; public var services: String; public var spend_pence: Int }
    static let supplierColumns = """
        d.supplier_key, d.display_name, d.supplier_id, m.spend_pence AS pence, m.gross_pence, d.is_local, d.is_sme, d.is_sme_proxy, d.is_vcse, d.is_public_body,
        d.ownership, d.resolution_method
        """

    /// The whole body's suppliers in a period, by net spend (ties by name); `unresolvedOnly` keeps those no register resolved.
    public func suppliers(kind: String, period: String, limit: Int? = nil, unresolvedOnly: Bool = false) throws -> [SupplierSpend] {
        try warehouse.fetch(SupplierSpend.self, """
            SELECT \(Self.supplierColumns) FROM mart_segment_suppliers m JOIN dim_suppliers d USING (supplier_key)
            WHERE m.period_kind = ? AND m.period = ? AND m.segment_kind = '\(SegmentKind.all)'\(unresolvedOnly ? " AND d.resolution_method = 'unresolved'" : "")
            ORDER BY m.spend_pence DESC, d.display_name\(limit.map { " LIMIT \($0)" } ?? "")
            """, [.text(kind), .text(period)])
    }

    /// The whole body's suppliers paid in `period` and not in `other`, by gross spend (ties by name).
    public func suppliers(kind: String, period: String, notIn other: String, limit: Int) throws -> [SupplierSpend] {
        try warehouse.fetch(SupplierSpend.self, """
            SELECT \(Self.supplierColumns) FROM mart_segment_suppliers m JOIN dim_suppliers d USING (supplier_key)
            WHERE m.period_kind = ? AND m.period = ? AND m.segment_kind = '\(SegmentKind.all)'
              AND m.supplier_key NOT IN (SELECT supplier_key FROM mart_segment_suppliers WHERE period_kind = ? AND period = ? AND segment_kind = '\(SegmentKind.all)')
            ORDER BY m.gross_pence DESC, d.display_name LIMIT ?
            """, [.text(kind), .text(period), .text(kind), .text(other), .integer(limit)])
    }

    /// A segment's supplier in a period, ranked within its segment by net spend (ties by name).
    public struct SegmentSupplier: Decodable, Sendable {
        public var segment: String; public var rank: Int; public var supplier: SupplierSpend
        enum CodingKeys: CodingKey { case segment, rank }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            segment = try c.decode(String.self, forKey: .segment)
            rank = try c.decode(Int.self, forKey: .rank)
            supplier = try SupplierSpend(from: decoder)
        }
    }

    /// The `limit` largest suppliers of every segment of a kind in a period, by positive net spend.
    public func segmentSuppliers(kind: String, period: String, segmentKind: String, limit: Int) throws -> [SegmentSupplier] {
        try warehouse.fetch(SegmentSupplier.self, """
            SELECT m.segment, m.rank, \(Self.supplierColumns)
            FROM (SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.segment ORDER BY m.spend_pence DESC, s.display_name) AS rank
                  FROM mart_segment_suppliers m JOIN dim_suppliers s USING (supplier_key)
                  WHERE m.period_kind = ? AND m.period = ? AND m.segment_kind = ? AND m.spend_pence > 0) m
            JOIN dim_suppliers d USING (supplier_key)
            WHERE m.rank <= ? ORDER BY m.segment, m.rank
            """, [.text(kind), .text(period), .text(segmentKind), .integer(limit)])
    }

    /// Each segment's largest supplier by positive net spend in a period.
    public func largestSuppliers(kind: String, period: String, segmentKind: String) throws -> [LargestSupplier] {
        try warehouse.fetch(LargestSupplier.self, """
            SELECT t.segment, d.display_name, coalesce(d.is_public_body, 0) AS is_public_body
            FROM (SELECT m.segment, m.supplier_key, ROW_NUMBER() OVER (PARTITION BY m.segment ORDER BY m.spend_pence DESC, s.display_name) AS rank
                  FROM mart_segment_suppliers m JOIN dim_suppliers s USING (supplier_key)
                  WHERE m.period_kind = ? AND m.period = ? AND m.segment_kind = ? AND m.spend_pence > 0) t
            JOIN dim_suppliers d USING (supplier_key) WHERE t.rank = 1
            """, [.text(kind), .text(period), .text(segmentKind)])
    }

    /// The suppliers working across two or more services in a place, largest first.
    public func crossServiceSuppliers(level: String, limit: Int) throws -> [PlaceSupplier] {
        try warehouse.fetch(PlaceSupplier.self, """
            SELECT s.place, d.display_name, s.services, s.spend_pence FROM mart_place_suppliers s JOIN dim_suppliers d USING (supplier_key)
            WHERE s.place_level = ? AND s.services_count >= 2 ORDER BY s.spend_pence DESC, s.place, d.display_name LIMIT ?
            """, [.text(level), .integer(limit)])
    }

    /// A local VCSE or SME present in a place in other services but absent there from one (`mart_place_candidates`),
    /// with the absent service's spend in the place; largest service spend first, then the supplier's spend there.
    public struct PlaceCandidate: Decodable, Sendable {
        public var place_level: String; public var place: String; public var absent_service: String; public var display_name: String
        public var supplier_classes: String; public var present_services: String; public var supplier_pence: Int; public var service_pence: Int
    }

    /// Every place candidate (bar supplier wards), as `PlaceCandidate` orders them.
    public func placeCandidateRows() throws -> [PlaceCandidate] {
        try warehouse.fetch(PlaceCandidate.self, """
            SELECT c.place_level, c.place, c.absent_service, d.display_name, c.supplier_classes, c.present_services, c.spend_pence AS supplier_pence,
              coalesce(ps.spend_pence, 0) AS service_pence
            FROM mart_place_candidates c JOIN dim_suppliers d USING (supplier_key)
            LEFT JOIN mart_place_services ps ON ps.place_level = c.place_level AND ps.place = c.place AND ps.service = c.absent_service
            WHERE c.place_level <> 'supplier_ward'
            ORDER BY service_pence DESC, c.place_level, c.place, c.absent_service, c.spend_pence DESC, d.display_name
            """)
    }

    /// The place levels of the pipeline's place mapping (`map_places`, which the places stage writes and measure reads).
    public func placeLevels() throws -> [String] {
        struct Level: Decodable { var place_level: String }
        return try warehouse.fetch(Level.self, "SELECT DISTINCT place_level FROM map_places ORDER BY 1").map(\.place_level)
    }

    /// The services × places cells at one place level.
    public func placeServices(level: String) throws -> [PlaceService] {
        try warehouse.fetch(PlaceService.self, "SELECT place, service, spend_pence, suppliers_count FROM mart_place_services WHERE place_level = ? ORDER BY place, service",
                            [.text(level)])
    }

    /// The pairs of services sharing most places at one level.
    public func serviceOverlaps(level: String, limit: Int) throws -> [ServiceOverlap] {
        try warehouse.fetch(ServiceOverlap.self, """
            SELECT service_a, service_b, shared_places_count, jaccard_share FROM mart_service_overlap
            WHERE place_level = ? AND shared_places_count > 0 ORDER BY jaccard_share DESC, service_a, service_b LIMIT ?
            """, [.text(level), .integer(limit)])
    }
}
