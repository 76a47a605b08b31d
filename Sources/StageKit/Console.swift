import MarketShapeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where commands print what people read. Progress lines appear only on a terminal.
public protocol Console: AnyObject {
    /// A line of the command's result (always printed).
    func line(_ text: String)
    /// A progress line (printed only when stdout is a terminal).
    func progress(_ text: String)
}

/// Prints to standard output.
public final class StandardConsole: Console {
    public let isTerminal: Bool

    public init() { isTerminal = isatty(STDOUT_FILENO) == 1 }

    // Names from spend files reach the terminal: no escape sequence or bidi control in them is passed on.
    public func line(_ text: String) { print(DisplayText.clean(text, keepNewlines: true)); fflush(nil) }
    public func progress(_ text: String) { if isTerminal { print(DisplayText.clean(text, keepNewlines: true)); fflush(nil) } }
}

/// Collects lines in memory (tests).
public final class RecordingConsole: Console {
    public private(set) var lines: [String] = []
    public init() {}
    public func line(_ text: String) { lines.append(text) }
    public func progress(_ text: String) {}
}
