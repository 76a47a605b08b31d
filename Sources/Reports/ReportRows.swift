/// The rows the report reads from the warehouse, by column name (`WarehouseStore.fetch`): one type per query shape,
/// named as the tables name their columns, so a reader never counts columns.
enum Rows {
    struct Period: Decodable { var period: String }
    struct ScopeTotal: Decodable { var scope: String; var total_pence: Int; var payments_count: Int }
    struct OutsidePayee: Decodable { var payee_name: String; var scope: String; var rule: String; var total_pence: Int; var payments_count: Int }

    /// A `mart_spend` row.
    struct Spend: Decodable {
        var period: String
        var total_pence: Int, payments_count: Int, suppliers_count: Int, redacted_pence: Int, purchase_card_pence: Int
        var local_known_pence: Int, local_pence: Int, sme_known_pence: Int, sme_pence: Int, vcse_known_pence: Int, vcse_pence: Int
        var sme_or_vcse_known_pence: Int, sme_or_vcse_pence: Int
    }

    /// A `mart_spend` row with its market's HHI.
    struct SpendWithHHI: Decodable {
        var period: String
        var total_pence: Int, suppliers_count: Int
        var local_known_pence: Int, local_pence: Int, sme_known_pence: Int, sme_pence: Int, vcse_known_pence: Int, vcse_pence: Int
        var hhi: Double?
    }

    /// A service's spend and concentration.
    struct Market: Decodable {
        var segment: String; var total_pence: Int; var suppliers_count: Int
        var hhi: Double?; var cr4_share: Double?; var band: String; var is_thin: Bool; var top_supplier_share: Double?
    }

    struct TopSupplier: Decodable { var segment: String; var display_name: String; var is_public_body: Bool }

    /// A supplier with its classes (nil: unknown).
    struct Supplier: Decodable {
        var display_name: String; var supplier_id: String; var pence: Int
        var is_local: Bool?; var is_sme: Bool?; var is_sme_proxy: Bool?; var is_vcse: Bool?; var is_public_body: Bool?
        var ownership: String?
    }

    struct Ownership: Decodable { var segment: String; var ownership: String; var spend_pence: Int; var suppliers_count: Int }
    struct File: Decodable {
        var file_name: String; var sha256: String; var read_count: Int; var loaded_count: Int; var set_aside_count: Int
        var loaded_pence: Int; var set_aside_pence: Int
    }
    struct Reason: Decodable { var reason_code: String; var rows_count: Int }
    struct Unresolved: Decodable { var display_name: String; var pence: Int }
    struct Register: Decodable { var kind: String; var version_id: Int; var path: String; var sha256: String; var rows_count: Int }
    struct Spanning: Decodable { var file_name: String; var rows_count: Int; var pence: Int; var first_month: String; var last_month: String }
    struct IdentifierFlag: Decodable {
        var column_name: String; var value: String; var flag: String; var reason: String; var rows_count: Int; var pence: Int
    }
    struct Directorate: Decodable { var directorate: String }

    /// A `mart_dynamics` row.
    struct Dynamics: Decodable {
        var previous_period: String?; var active_count: Int; var entrants_count: Int?; var exits_count: Int?
        var entrant_spend_share: Double?; var local_share_change: Double?; var sme_share_change: Double?; var vcse_share_change: Double?
        var hhi_change: Double?; var year_ago_period: String?; var hhi_change_year: Double?
    }
    struct Payments: Decodable { var period: String; var payments_count: Int }
    struct Name: Decodable { var display_name: String }
    struct PlaceLevel: Decodable { var place_level: String }
    struct PlaceService: Decodable { var place: String; var service: String; var spend_pence: Int; var suppliers_count: Int }
    struct PlaceSupplier: Decodable { var place: String; var display_name: String; var services: String; var spend_pence: Int }
    struct ServiceOverlap: Decodable { var service_a: String; var service_b: String; var shared_places_count: Int; var jaccard_share: Double? }
}
