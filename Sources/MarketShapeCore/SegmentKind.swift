/// How spend is segmented into markets (`segment_kind` in the marts): the whole body, a configured column
/// (`service`, `directorate`…), or a place level (`place:ward`).
public enum SegmentKind {
    /// The whole body, one market per period.
    public static let all = "all"
    /// The whole body's one segment.
    public static let allSegment = "(all)"
    /// Services: the segment kind the report's markets, concentration and opportunities are by.
    public static let service = "service"
    /// Segment kinds of place levels begin with this.
    public static let placePrefix = "place:"

    /// The segment kind of a place level: `place:ward`.
    public static func place(_ level: String) -> String { placePrefix + level }
    /// The place level of a segment kind, or nil when it is not one.
    public static func placeLevel(of kind: String) -> String? { kind.hasPrefix(placePrefix) ? String(kind.dropFirst(placePrefix.count)) : nil }
}
