import MarketShapeCore
import Warehouse

/// Who meets where, over the payments in the measured scopes (`market` by default):
/// - `mart_place_services`: the services × places matrix (spend, payments, suppliers) at each place level;
/// - `mart_place_suppliers`: each supplier's services in each place (suppliers in more than one service work across services there);
/// - `mart_service_overlap`: for each pair of services, the places each reaches, the places they share and the Jaccard share;
/// - `mart_place_candidates`: local VCSEs and SMEs active in a place in one service but absent there from another
///   service that is present in the place: candidates for market shaping.
enum PlaceOverlapMarts {
    static func build(_ w: WarehouseStore, measured: [Scope]) throws {
        let scopes = measured.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let byLevel = try MeasureScope.placeLevels(w).map { level in
            """
            SELECT pp.place_level, pp.place_name AS place, \(MeasureScope.segment("f.service")) AS service, f.supplier_key,
              SUM(f.net_pence) AS pence, SUM(f.payments_count) AS payments
            FROM fct_tallies f \(MeasureScope.placeJoin(level))
            WHERE f.scope IN (\(scopes))
            GROUP BY 1, 2, 3, 4
            """
        }
        try w.execute("""
            DROP TABLE IF EXISTS temp.place_activity;
            CREATE TEMP TABLE place_activity (place_level TEXT, place TEXT, service TEXT, supplier_key INTEGER, pence INTEGER, payments INTEGER);
            \(byLevel.map { "INSERT INTO place_activity \($0);" }.joined(separator: "\n"))

            INSERT INTO mart_place_services
            SELECT place_level, place, service, SUM(pence), SUM(payments), COUNT(supplier_key)
            FROM place_activity GROUP BY 1, 2, 3;

            INSERT INTO mart_place_suppliers
            SELECT place_level, place, supplier_key, COUNT(*), group_concat(service, '; '), SUM(pence)
            FROM (SELECT place_level, place, supplier_key, service, SUM(pence) AS pence FROM place_activity
                  WHERE supplier_key IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4)
            GROUP BY 1, 2, 3;

            INSERT INTO mart_service_overlap
            WITH reach AS (SELECT DISTINCT place_level, service, place FROM place_activity),
            sizes AS (SELECT place_level, service, COUNT(*) AS n FROM reach GROUP BY 1, 2)
            SELECT a.place_level, a.service, b.service, a.n, b.n,
              (SELECT COUNT(*) FROM reach x JOIN reach y ON y.place_level = x.place_level AND y.place = x.place
               WHERE x.place_level = a.place_level AND x.service = a.service AND y.service = b.service) AS shared,
              0.0
            FROM sizes a JOIN sizes b ON b.place_level = a.place_level AND a.service < b.service;
            UPDATE mart_service_overlap SET jaccard_share = 1.0 * shared_places_count / (places_a_count + places_b_count - shared_places_count);

            INSERT INTO mart_place_candidates
            WITH present AS (SELECT DISTINCT place_level, place, service FROM place_activity),
            eligible AS (
              SELECT a.place_level, a.place, a.supplier_key, SUM(a.pence) AS pence,
                CASE WHEN d.is_vcse = 1 AND d.is_sme = 1 THEN 'local VCSE, SME' WHEN d.is_vcse = 1 THEN 'local VCSE' ELSE 'local SME' END AS classes
              FROM place_activity a JOIN dim_suppliers d USING (supplier_key)
              WHERE d.is_local = 1 AND (d.is_vcse = 1 OR d.is_sme = 1)
              GROUP BY 1, 2, 3)
            SELECT e.place_level, e.place, p.service, e.supplier_key, e.classes,
              (SELECT group_concat(service, '; ') FROM (SELECT DISTINCT service FROM place_activity x
                 WHERE x.place_level = e.place_level AND x.place = e.place AND x.supplier_key = e.supplier_key ORDER BY service)),
              e.pence
            FROM eligible e JOIN present p ON p.place_level = e.place_level AND p.place = e.place
            WHERE NOT EXISTS (SELECT 1 FROM place_activity x WHERE x.place_level = e.place_level AND x.place = e.place
                                AND x.service = p.service AND x.supplier_key = e.supplier_key);
            """)
    }
}
