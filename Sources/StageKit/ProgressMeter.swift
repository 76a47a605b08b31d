import Foundation
import MarketShapeCore

/// Counts the work of one long step (a spend file, a register, a stage's loop) for the live progress line.
///
/// Safe to advance from several threads (the parts of a file are read side by side). A meter made for a console
/// that is not a terminal is silent: counting costs one lock, and nothing is drawn.
///
///     let meter = context.console.meter("devon_2024-05.csv", total: bytes, unit: .bytes)
///     defer { meter.finish() }
///     meter.advance(by: chunk.count)
public final class ProgressMeter: @unchecked Sendable {
    /// What `total` and `advance(by:)` count; rows are shown beside bytes when both are counted.
    public enum Unit: Sendable { case rows, bytes, items }

    public let label: String
    /// The whole, when known (a download learns it from the server's answer: `setTotal`).
    public var total: Int? { lock.lock(); defer { lock.unlock() }; return totalCount }
    public let unit: Unit
    let started: ContinuousClock.Instant
    private let lock = NSLock()
    private var doneCount = 0
    private var rowCount = 0
    private var totalCount: Int?
    private let onFinish: (@Sendable (ProgressMeter) -> Void)?

    init(label: String, total: Int?, unit: Unit, onFinish: (@Sendable (ProgressMeter) -> Void)?) {
        self.label = label; self.totalCount = total; self.unit = unit; self.onFinish = onFinish
        started = .now
    }

    /// A meter that draws nothing (no terminal, or a test).
    public static func silent(_ label: String = "", total: Int? = nil, unit: Unit = .items) -> ProgressMeter {
        ProgressMeter(label: label, total: total, unit: unit, onFinish: nil)
    }

    /// Counts `n` more of the meter's unit.
    public func advance(by n: Int) { lock.lock(); doneCount += n; lock.unlock() }

    /// Counts `n` more rows (for a meter whose unit is bytes: the rows read so far are shown too).
    public func addRows(_ n: Int) { lock.lock(); rowCount += n; lock.unlock() }

    /// Sets the count outright (a loop that knows its index).
    public func set(_ done: Int) { lock.lock(); doneCount = done; lock.unlock() }

    /// Sets the whole, once it is known.
    public func setTotal(_ total: Int?) { lock.lock(); totalCount = total; lock.unlock() }

    /// Starts the count again (the step is redone).
    public func reset() { lock.lock(); doneCount = 0; rowCount = 0; lock.unlock() }

    /// Ends the meter: its line is taken off the terminal.
    public func finish() { onFinish?(self) }

    /// The counts so far.
    public var snapshot: (done: Int, rows: Int) { lock.lock(); defer { lock.unlock() }; return (doneCount, rowCount) }

    /// The meter as one line of text: counts, rate and time left (`12.3 of 20.1 MB · 41,200 rows · 3.1 MB/s · 4 s left`).
    public func text(at now: ContinuousClock.Instant = .now) -> String {
        let (done, rows) = snapshot
        let total = self.total
        let elapsed = Self.seconds(now - started)
        var parts: [String] = []
        if !label.isEmpty { parts.append(label) }
        if let total, total > 0 {
            parts.append("\(unit == .bytes ? Self.amount(done, unit) : formatCount(done)) of \(Self.amount(total, unit))")
        } else if done > 0 {
            parts.append(Self.amount(done, unit))
        }
        if unit == .bytes && rows > 0 { parts.append("\(formatCount(rows)) rows") }
        // A rate over less than half a second is noise.
        if elapsed >= 0.5 && done > 0 {
            let rate = Double(done) / elapsed
            parts.append("\(Self.amount(Int(rate), unit))/s")
            if let total, total > done { parts.append("\(Self.duration(Double(total - done) / rate)) left") }
        }
        parts.append(Self.duration(elapsed))
        return parts.joined(separator: " · ")
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// `1,234 rows`, `12.3 MB`, `1,234`.
    static func amount(_ n: Int, _ unit: Unit) -> String {
        switch unit {
        case .rows: return "\(formatCount(n)) rows"
        case .items: return formatCount(n)
        case .bytes:
            let units = ["B", "KB", "MB", "GB", "TB"]
            var value = Double(n), i = 0
            while value >= 1000 && i < units.count - 1 { value /= 1000; i += 1 }
            return i == 0 ? "\(n) B" : String(format: value >= 100 ? "%.0f " : "%.1f ", value) + units[i]
        }
    }

    /// A byte count for people: `512 B`, `12.3 MB`.
    public static func describeBytes(_ n: Int) -> String { amount(n, .bytes) }

    /// `4 s`, `2 min 05 s`, `1 h 02 min`.
    static func duration(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded()))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%d min %02d s", s / 60, s % 60) }
        return String(format: "%d h %02d min", s / 3600, (s % 3600) / 60)
    }
}

extension Console {
    /// A meter of the bytes of the file at `path` (its size is the total), labelled `label`.
    public func meter(file path: String, label: String) -> ProgressMeter {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        return meter(label, total: bytes, unit: .bytes)
    }
}
