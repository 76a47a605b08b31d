import Foundation
import Ingest
import MarketShapeCore
import Warehouse

/// Whether a body's spend is arriving on time: the newest complete month the warehouse holds, when the newest current
/// file arrived, and, when the pipeline says how often the body publishes (`expect:`), which month should be there by
/// now and whether it is.
public struct Timeliness: Sendable, Encodable {
    public var newestCompleteMonth: String?
    /// When the newest current spend file first arrived (as the warehouse recorded it).
    public var newestFileArrived: String?
    /// Whole days from that arrival to now.
    public var daysSinceNewFile: Int?
    /// The newest month that should be held by now; nil without `expect:`.
    public var expectedMonth: String?
    public var isLate: Bool

    public init(_ w: WarehouseStore, config: PipelineConfig, now: Date) throws {
        let newest = try PeriodCompleteness(w, share: config.report.completeMonthShare).newestComplete
        let arrived = try StagingReader(w).newestArrival()
        let expected = config.expect?.expectedMonth(on: now)
        newestCompleteMonth = newest
        newestFileArrived = arrived
        daysSinceNewFile = arrived.flatMap(Self.date).map { Int(now.timeIntervalSince($0) / 86_400) }
        expectedMonth = expected
        isLate = expected.map { e in newest.map { $0 < e } ?? true } ?? false
    }

    /// A `loaded_at` text as ingest writes it (`strftime('%Y-%m-%dT%H:%M:%SZ')`) as a date.
    static func date(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }

    /// The warning a late body gets, naming what is missing and what is held; nil when on time.
    public func warning(for config: PipelineConfig) -> String? {
        guard isLate, let expected = expectedMonth, let e = config.expect else { return nil }
        return "LATE: \(config.body.name) publishes \(e.cadence.rawValue) within \(e.lagDays) days, so \(expected) should be here by now; "
            + "the newest complete month held is \(newestCompleteMonth ?? "none")"
            + (daysSinceNewFile.map { " and no new spend file has arrived for \($0) day(s)" } ?? "")
            + ": check the council's publication page and add the file to \(config.file)'s spend folder"
    }
}
