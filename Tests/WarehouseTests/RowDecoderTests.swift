import Testing
import Warehouse

@Suite("Rows read by column name")
struct RowDecoderTests {
    struct Payee: Decodable, Equatable {
        var payee_id: Int
        var supplier_name: String
        var company_number: String?
        var share: Double?
        var is_redacted: Bool
    }

    func warehouse() throws -> Warehouse {
        let w = try Warehouse(path: ":memory:")
        try w.execute("""
            CREATE TABLE t (payee_id INTEGER, supplier_name TEXT, company_number TEXT, share REAL, is_redacted INTEGER);
            INSERT INTO t VALUES (1, 'ACME LTD', '01234567', 0.25, 0), (2, 'Beta CIC', NULL, NULL, 1);
            """)
        return w
    }

    @Test("columns fill the properties of the same name in any order; NULL is nil; an integer column reads as Bool")
    func decodes() throws {
        let w = try warehouse()
        let rows = try w.fetch(Payee.self, "SELECT is_redacted, share, company_number, supplier_name, payee_id FROM t ORDER BY payee_id")
        #expect(rows == [Payee(payee_id: 1, supplier_name: "ACME LTD", company_number: "01234567", share: 0.25, is_redacted: false),
                         Payee(payee_id: 2, supplier_name: "Beta CIC", company_number: nil, share: nil, is_redacted: true)])
    }

    @Test("a column the type needs but the query lacks is an error that names it")
    func missingColumn() throws {
        let w = try warehouse()
        #expect { try w.fetch(Payee.self, "SELECT payee_id, supplier_name, share, is_redacted FROM t") } throws: { error in
            "\(error)".contains("company_number")
        }
    }

    @Test("NULL in a property that cannot be nil is an error, not a made-up value")
    func nullInRequired() throws {
        let w = try warehouse()
        struct Strict: Decodable { var company_number: String }
        #expect(throws: DecodingError.self) { try w.fetch(Strict.self, "SELECT company_number FROM t") }
    }

    @Test("values convert as SQLValue's accessors do: numeric text reads as a number, other text as nil in an optional")
    func conversions() throws {
        let w = try warehouse()
        struct Loose: Decodable, Equatable { var n: Int; var x: Int? }
        #expect(try w.fetch(Loose.self, "SELECT '42' AS n, 'forty' AS x") == [Loose(n: 42, x: nil)])
    }
}
