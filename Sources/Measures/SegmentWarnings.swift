import MarketShapeCore
import Warehouse

/// What the measured markets say about the segments chosen: a segment no file has a column for, one with so many
/// values it is free text, or one that holds codes instead of names. Each leaves the report's markets empty or
/// unreadable, so the run says so after measure.
public enum SegmentWarnings {
    /// More distinct values than this in one segment is not a list of markets.
    public static let mostMarkets = 500

    public static func warnings(_ w: WarehouseStore, segments: [String]) throws -> [String] {
        // Nothing measured at all (no payment loaded, or none in the market): there is nothing to judge the segments by.
        guard try w.scalarInt("SELECT COUNT(*) FROM mart_concentration") > 0 else { return [] }
        struct Value: Decodable { var segment_kind: String; var segment: String }
        let values = try w.fetch(Value.self, "SELECT DISTINCT segment_kind, segment FROM mart_concentration WHERE segment_kind <> ?", [.text(SegmentKind.all)])
        let byKind = Dictionary(grouping: values, by: \.segment_kind).mapValues { $0.map(\.segment) }
        var out: [String] = []
        for kind in segments {
            // `place` is measured through the place mapping, as `place:ward`, `place:locality`…, not from a column.
            if kind == "place" || SegmentKind.placeLevel(of: kind) != nil {
                if !byKind.keys.contains(where: { $0.hasPrefix(SegmentKind.placePrefix) }) {
                    out.append("segment \(kind): no place was measured: add a place mapping (places: FILE) or drop it from segments:")
                }
                continue
            }
            let named = (byKind[kind] ?? []).filter { $0 != SegmentCode.none }
            if named.isEmpty {
                out.append("segment \(kind): no spend file has a column for it, so every payment is '\(SegmentCode.none)': map one under columns: (\(kind): \"HEADER\") or drop it from segments:")
            } else if named.count > mostMarkets {
                out.append("segment \(kind) holds \(named.count) distinct values: more than a few hundred markets is free text or a code list, not markets; check which column it reads")
            } else if named.count >= 5, Double(named.filter(SegmentCode.isCode).count) >= 0.8 * Double(named.count) {
                out.append("segment \(kind) holds codes (\(named.prefix(3).joined(separator: ", ")), …), not names: map its label column under columns:")
            }
        }
        return out
    }
}
