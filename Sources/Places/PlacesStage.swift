import MarketShapeCore
import SpendCSV
import StageKit
import Warehouse

/// Stage 4: the pipeline's place mapping (a service or cost centre → ward, locality, estate…) into `map_places`.
///
/// The mapping file has the header `match_column,match_value,place_level,place_name`, where
/// `match_column` is a column of `fct_payments` (`service`, `cost_centre`, `directorate`, `expense_type`).
public struct PlacesStage: PipelineStage {
    public let name = StageName.places
    public static let matchColumns = ["service", "cost_centre", "directorate", "expense_type", "category"]

    public init() {}

    public func run(_ context: StageContext) throws -> StageResult {
        try context.warehouse.transaction { try places(context) }
    }

    /// The stage's work, inside one transaction: a failure leaves the previous tables in place.
    func places(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        try w.execute("DELETE FROM map_places")
        guard let path = context.config.places else {
            return StageResult(rowsCount: 0, summary: "no place mapping in the pipeline file (add places: FILE)")
        }
        let insert = try w.prepare("INSERT INTO map_places (match_column, match_value, place_level, place_name) VALUES (?,?,?,?)")
        var sawHeader = false
        var count = 0
        try CSVReader().read(path: path) { record in
            let fields = record.strings.map { $0.trimmingCharacters(in: " ") }
            if !sawHeader {
                guard fields.map(HeaderName.normalise) == ["matchcolumn", "matchvalue", "placelevel", "placename"] else {
                    throw CSVReadError(path: path, line: record.line, message: "expected the header match_column,match_value,place_level,place_name")
                }
                sawHeader = true
                return
            }
            guard fields.count == 4, Self.matchColumns.contains(fields[0]), !fields[1].isEmpty, !fields[2].isEmpty, !fields[3].isEmpty else {
                throw CSVReadError(path: path, line: record.line,
                                   message: "expected 4 non-empty fields with match_column one of \(Self.matchColumns.joined(separator: ", "))")
            }
            insert.bind(fields.map { SQLValue.text($0) })
            try insert.run()
            count += 1
        }
        struct Level: Decodable { var place_level: String; var places: Int }
        let levels = try w.fetch(Level.self, "SELECT place_level, COUNT(DISTINCT place_name) AS places FROM map_places GROUP BY 1 ORDER BY 1")
            .map { "\($0.places) \($0.place_level)" }.joined(separator: ", ")
        let mapped = try w.scalarInt("""
            SELECT coalesce(SUM(f.payments_count), 0) FROM fct_tallies f WHERE EXISTS (SELECT 1 FROM map_places m WHERE
              (m.match_column = 'service' AND m.match_value = f.service) OR (m.match_column = 'cost_centre' AND m.match_value = f.cost_centre)
              OR (m.match_column = 'directorate' AND m.match_value = f.directorate) OR (m.match_column = 'expense_type' AND m.match_value = f.expense_type)
              OR (m.match_column = 'category' AND m.match_value = f.category))
            """)
        return StageResult(rowsCount: count, summary: "\(count) mapping rows (\(levels)); \(mapped) payments fall in a mapped place")
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        [.unique("map_places", ["match_column", "match_value", "place_level", "place_name"])]
    }
}
