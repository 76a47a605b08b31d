import Foundation
import MarketShapeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where commands print what people read. Live progress appears only on a terminal.
public protocol Console: AnyObject {
    /// A line of the command's result (always printed).
    func line(_ text: String)
    /// What the command is doing now (`[1/6] ingest`): a live line on a terminal, until `endProgress()`; nothing otherwise.
    func progress(_ text: String)
    /// A meter for one long step, shown after the current `progress` text while it runs.
    func meter(_ label: String, total: Int?, unit: ProgressMeter.Unit) -> ProgressMeter
    /// Takes the live line off the terminal.
    func endProgress()
}

/// Prints to standard output. On a terminal the progress is one line, redrawn five times a second in place
/// (`\r`, then the text cut to the terminal's width, then erase-to-end-of-line) and erased before any other line
/// is printed and when the step ends, so a finished command leaves only its result lines. Not on a terminal
/// (cron, a pipe, `TERM=dumb`), nothing of it is written.
public final class StandardConsole: Console, @unchecked Sendable {
    public let isTerminal: Bool
    private let lock = NSLock()
    private var status: (text: String, since: ContinuousClock.Instant)?
    private var meters: [ProgressMeter] = []
    private var drawn = false
    private var tickerStarted = false
    /// How often the live line is redrawn.
    static let interval = 0.2

    public init() {
        isTerminal = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// The console of this process: commands print through it, and the stderr log handler writes through
    /// `interrupt(_:)`, so a log line never lands in the middle of the live line.
    public static let shared = StandardConsole()

    /// Runs `write` (which prints something else to the terminal, such as a log line on stderr) with the live line
    /// taken off the screen, and draws it again afterwards.
    public func interrupt(_ write: () -> Void) {
        guard isTerminal else { write(); return }
        lock.lock(); defer { lock.unlock() }
        erase()
        fflush(nil)
        write()
        draw()
    }

    // Names from spend files reach the terminal: no escape sequence or bidi control in them is passed on.
    public func line(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        erase()
        print(DisplayText.clean(text, keepNewlines: true))
        draw()
    }

    public func progress(_ text: String) {
        guard isTerminal else { return }
        lock.lock(); defer { lock.unlock() }
        status = (DisplayText.clean(text), .now)
        startTicker()
        draw()
    }

    public func meter(_ label: String, total: Int?, unit: ProgressMeter.Unit) -> ProgressMeter {
        guard isTerminal else { return .silent(label, total: total, unit: unit) }
        let meter = ProgressMeter(label: DisplayText.clean(label), total: total, unit: unit) { [weak self] done in self?.remove(done) }
        lock.lock(); defer { lock.unlock() }
        meters.append(meter)
        startTicker()
        draw()
        return meter
    }

    public func endProgress() {
        lock.lock(); defer { lock.unlock() }
        status = nil
        meters.removeAll()
        erase()
    }

    private func remove(_ meter: ProgressMeter) {
        lock.lock(); defer { lock.unlock() }
        meters.removeAll { $0 === meter }
        erase()
        draw()
    }

    /// The live line's text: the step, then the newest meter (or the time the step has taken).
    func liveText(at now: ContinuousClock.Instant = .now) -> String? {
        guard status != nil || !meters.isEmpty else { return nil }
        var parts: [String] = []
        if let status { parts.append(status.text) }
        if let meter = meters.last {
            parts.append(meter.text(at: now))
        } else if let status {
            parts.append(ProgressMeter.duration(ProgressMeter.seconds(now - status.since)))
        }
        return parts.joined(separator: " · ")
    }

    /// Draws the live line (the lock is held).
    private func draw() {
        guard isTerminal, let text = liveText() else { fflush(nil); return }
        print("\r" + Self.fit(text, width: Self.width() - 1) + "\u{1B}[K", terminator: "")
        drawn = true
        fflush(nil)
    }

    /// Erases the live line if it is drawn (the lock is held).
    private func erase() {
        guard drawn else { return }
        print("\r\u{1B}[K", terminator: "")
        drawn = false
    }

    private func startTicker() {
        guard !tickerStarted else { return }
        tickerStarted = true
        let thread = Thread { [weak self] in
            while let console = self {
                Thread.sleep(forTimeInterval: Self.interval)
                console.lock.lock()
                if console.drawn || console.status != nil || !console.meters.isEmpty { console.draw() }
                console.lock.unlock()
            }
        }
        thread.start()
    }

    /// The terminal's width in columns (80 when it cannot be told).
    static func width() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }

    /// `text` cut to `width` characters, ending in `…` when cut (a line longer than the terminal would wrap, and
    /// `\r` would then redraw only its last row).
    static func fit(_ text: String, width: Int) -> String {
        guard text.count > width, width > 1 else { return text }
        return String(text.prefix(width - 1)) + "…"
    }
}

/// Collects lines in memory (tests), and the meters started (silent, with their counts).
public final class RecordingConsole: Console {
    public private(set) var lines: [String] = []
    public private(set) var meters: [ProgressMeter] = []
    public var meterLabels: [String] { meters.map(\.label) }
    public init() {}
    public func line(_ text: String) { lines.append(text) }
    public func progress(_ text: String) {}
    public func meter(_ label: String, total: Int?, unit: ProgressMeter.Unit) -> ProgressMeter {
        let meter = ProgressMeter.silent(label, total: total, unit: unit)
        meters.append(meter)
        return meter
    }
    public func endProgress() {}
}
