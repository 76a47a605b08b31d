import Foundation

/// How often a body publishes its spend and how long after a period ends its file should be out (`expect:` in the
/// pipeline file), so a run can say when the file that should be there is not, rather than report an old month.
public struct PublicationExpectation: Codable, Equatable, Sendable {
    public enum Cadence: String, Codable, CaseIterable, Sendable { case monthly, quarterly }

    public var cadence: Cadence
    /// Days after a period's last day by which its file should have arrived.
    public var lagDays: Int

    public static let defaultLagDays = 30

    public init(cadence: Cadence, lagDays: Int = PublicationExpectation.defaultLagDays) { self.cadence = cadence; self.lagDays = lagDays }

    /// The newest month (`yyyy-mm`) whose spend should be published by `today`: the last month of the newest period
    /// (a month, or a calendar quarter) that ended at least `lagDays` days before `today`.
    public func expectedMonth(on today: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let cutoff = calendar.date(byAdding: .day, value: -lagDays, to: today)!
        // The period must have ended on or before the cutoff: the month before the cutoff's month, unless the cutoff is
        // a month's last day.
        let parts = calendar.dateComponents([.year, .month, .day], from: cutoff)
        let lastDay = calendar.range(of: .day, in: .month, for: cutoff)!.count
        var (year, month) = (parts.year!, parts.month!)
        if parts.day! < lastDay { month -= 1 }
        // A quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec) ends in a month divisible by three.
        if cadence == .quarterly { month -= month % 3 }
        if month < 1 { month += 12; year -= 1 }
        return String(format: "%04d-%02d", year, month)
    }
}
