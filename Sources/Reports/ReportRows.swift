/// The rows the report reads besides the marts (`MartReader`) and the staging ledger (`StagingReader`), by column name
/// (`WarehouseStore.fetch`): one type per query shape, named as the tables name their columns.
enum Rows {
    struct TopSupplier: Decodable { var segment: String; var display_name: String; var is_public_body: Bool }

    /// A supplier with its classes (nil: unknown).
    struct Supplier: Decodable {
        var display_name: String; var supplier_id: String; var pence: Int
        var is_local: Bool?; var is_sme: Bool?; var is_sme_proxy: Bool?; var is_vcse: Bool?; var is_public_body: Bool?
        var ownership: String?
    }

    struct Unresolved: Decodable { var display_name: String; var pence: Int }
    struct Register: Decodable { var kind: String; var version_id: Int; var path: String; var sha256: String; var rows_count: Int }
    struct IdentifierFlag: Decodable {
        var column_name: String; var value: String; var flag: String; var reason: String; var rows_count: Int; var pence: Int
    }

    struct Name: Decodable { var display_name: String }
    struct PlaceLevel: Decodable { var place_level: String }
    struct PlaceSupplier: Decodable { var place: String; var display_name: String; var services: String; var spend_pence: Int }
}
