import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `marketshape` binary with its standard output on a pseudo-terminal (or a pipe), and replays what
/// it wrote as a terminal would show it.
struct TerminalSession {
    /// The bytes written to standard output, escape sequences and all.
    var raw: [UInt8]
    var status: Int32

    /// The `marketshape` binary built beside the test bundle.
    static var binary: String {
        URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("marketshape").path
    }

    /// Runs `marketshape arguments` in `directory`, its stdout on a terminal `columns` wide when `terminal`, else a pipe;
    /// with `stderrToo`, standard error goes to the same terminal (as in a shell), else nowhere.
    init(_ arguments: [String], in directory: String, terminal: Bool, columns: UInt16 = 100, stderrToo: Bool = false) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        if terminal {
            var master: Int32 = -1, slave: Int32 = -1
            var size = winsize(ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
            guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.ENOTTY) }
            process.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
            if stderrToo { process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false) }
            try process.run()
            close(slave)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            // Linux's pty master reads EIO once the last writer has closed the slave.
            while true {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                bytes += buffer[0..<n]
            }
            close(master)
            process.waitUntilExit()
            raw = bytes
        } else {
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            raw = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
        }
        status = process.terminationStatus
    }

    /// The text as it stands on the screen at the end: carriage returns go back to the start of the line, `ESC [ K`
    /// erases to its end, and every line the program finished with a line break is kept. The last element is the
    /// line the cursor is left on (empty when nothing was left behind).
    var screen: [String] {
        var lines: [String] = []
        var line: [Character] = [], cursor = 0
        let text = Array(String(decoding: raw, as: UTF8.self))
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == "\r\n" || c == "\n" {   // a pty turns \n into \r\n
                lines.append(String(line)); line = []; cursor = 0
            } else if c == "\r" {
                cursor = 0
            } else if c == "\u{1B}", i + 2 < text.count, text[i + 1] == "[", text[i + 2] == "K" {
                line.removeSubrange(min(cursor, line.count)...)
                i += 2
            } else {
                if cursor < line.count { line[cursor] = c } else { line.append(c) }
                cursor += 1
            }
            i += 1
        }
        return lines + [String(line)]
    }
}
