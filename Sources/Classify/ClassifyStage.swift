import MarketShapeCore
import StageKit
import Warehouse

/// Stage 3: local, SME, VCSE, public body and ownership for each supplier, each call with its evidence
/// in `supplier_evidence`. Without evidence a class stays unknown (NULL), never guessed.
public struct ClassifyStage: PipelineStage {
    public let name = StageName.classify

    public init() {}

    public func run(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        try w.execute("DELETE FROM supplier_evidence; UPDATE dim_suppliers SET is_local = NULL, is_sme = NULL, is_sme_proxy = 0, is_vcse = NULL, is_public_body = NULL, ownership = 'unknown';")
        let flagged = Set(try w.query("""
            SELECT DISTINCT f.supplier_key FROM fct_payments f JOIN stg_payments s USING (file_id, line_no)
            WHERE s.council_vcse_flag = 1 AND f.supplier_key IS NOT NULL
            """).compactMap { $0[0].int })
        let outward = Set(context.config.local.outwardCodes)
        let evidence = try w.prepare("INSERT INTO supplier_evidence (supplier_key, classification, value, source, detail) VALUES (?,?,?,?,?)")
        let update = try w.prepare("UPDATE dim_suppliers SET is_local = ?, is_vcse = ?, is_public_body = ?, ownership = ? WHERE supplier_key = ?")
        var counts = (local: 0, vcse: 0, publicBody: 0)
        for row in try w.query("SELECT supplier_key, normalised_name, charity_number, postcode FROM dim_suppliers") {
            let key = row[0].int!, name = row[1].string ?? ""
            func note(_ c: String, _ v: String, _ source: String, _ detail: String) throws {
                evidence.bind([.integer(key), .text(c), .text(v), .text(source), .text(detail)]); try evidence.run()
            }
            var isLocal: Bool? = nil, isVCSE: Bool? = nil, isPublic: Bool? = nil
            var ownership = "unknown"
            if let phrase = PublicBodyRule.match(name) {
                isPublic = true; ownership = "public"
                try note("public_body", "yes", "name rule", "name contains \"\(phrase)\"")
            }
            if let charity = row[2].string {
                isVCSE = true; ownership = isPublic == true ? ownership : "charity"
                try note("vcse", "yes", "spend file", "charity number \(charity) given by the council")
            }
            if flagged.contains(key) {
                isVCSE = true
                try note("vcse", "yes", "spend file", "the council's own VCSE flag is Y on its payments")
            }
            if isVCSE == nil, name.hasSuffix(" CIC") || name.contains("COMMUNITY INTEREST COMPANY") {
                isVCSE = true
                try note("vcse", "yes", "name rule", "name ends in CIC (community interest company)")
            }
            if !outward.isEmpty, let postcode = row[3].string, let code = OrgIdentifiers.outwardCode(postcode) {
                isLocal = outward.contains(code)
                try note("local", isLocal! ? "yes" : "no", "spend file postcode", "\(postcode): outward code \(code) \(isLocal! ? "is" : "is not") in the local list")
            }
            if isLocal == true { counts.local += 1 }
            if isVCSE == true { counts.vcse += 1 }
            if isPublic == true { counts.publicBody += 1 }
            update.bind([isLocal.sql, isVCSE.sql, isPublic.sql, .text(ownership), .integer(key)])
            try update.run()
        }
        let total = try w.scalarInt("SELECT COUNT(*) FROM dim_suppliers")
        return StageResult(rowsCount: total, summary: "\(total) suppliers: \(counts.vcse) VCSE, \(counts.publicBody) public bodies, \(counts.local) local on the evidence held; SME needs registers (not yet imported)")
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        [
            .notNull("dim_suppliers", "ownership"),
            .relationship("supplier_evidence", "supplier_key", to: "dim_suppliers", "supplier_key"),
            .expression("every VCSE call has evidence",
                        "SELECT display_name || ' is VCSE without evidence' FROM dim_suppliers d WHERE is_vcse = 1 AND NOT EXISTS (SELECT 1 FROM supplier_evidence e WHERE e.supplier_key = d.supplier_key AND e.classification = 'vcse')"),
        ]
    }
}
