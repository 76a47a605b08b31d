/// The rows the report reads besides the marts (which it reads through `MartReader`), by column name
/// (`WarehouseStore.fetch`): one type per query shape, named as the tables name their columns.
enum Rows {
    struct TopSupplier: Decodable { var segment: String; var display_name: String; var is_public_body: Bool }

    /// A supplier with its classes (nil: unknown).
    struct Supplier: Decodable {
        var display_name: String; var supplier_id: String; var pence: Int
        var is_local: Bool?; var is_sme: Bool?; var is_sme_proxy: Bool?; var is_vcse: Bool?; var is_public_body: Bool?
        var ownership: String?
    }

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

    struct Name: Decodable { var display_name: String }
    struct PlaceLevel: Decodable { var place_level: String }
    struct PlaceSupplier: Decodable { var place: String; var display_name: String; var services: String; var spend_pence: Int }
}
