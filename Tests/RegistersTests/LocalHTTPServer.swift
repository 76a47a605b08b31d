import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for the fetch tests: serves fixed bodies by path, honours `Range: bytes=N-`
/// (206 with `Content-Range`), can answer any status, and can drop the connection part-way through a body once (an
/// interrupted download). One connection at a time, `Connection: close`; no test touches the internet.
final class LocalHTTPServer: @unchecked Sendable {
    struct Route {
        var status = 200
        var body: [UInt8]
        /// Send the full `Content-Length` but only this many bytes of the body, then close (the first request only).
        var dropAfter: Int? = nil
        /// Answer every request whole, as a server that ignores `Range` does.
        var ignoresRange = false
        /// The body's ETag: its length and a checksum, so another body has another tag.
        var etag: String { "\"\(body.count)-\(body.reduce(UInt32(0)) { ($0 &* 31) &+ UInt32($1) })\"" }
    }

    private let lock = NSLock()
    private var routes: [String: Route] = [:]
    private var log: [(path: String, range: String?)] = []
    private let listener: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(fd, 8) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        listener = fd
        port = UInt16(bigEndian: addr.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// The address of `path` on this server.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func set(_ path: String, _ route: Route) { lock.lock(); routes[path] = route; lock.unlock() }

    /// The requests served so far: path and the `Range` header, if any.
    var requests: [(path: String, range: String?)] { lock.lock(); defer { lock.unlock() }; return log }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    private func serve() {
        while true {
            let conn = accept(listener, nil, nil)
            if conn < 0 { return }
            handle(conn)
            close(conn)
        }
    }

    private func handle(_ conn: Int32) {
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.ends(with: Array("\r\n\r\n".utf8)) {
            let n = recv(conn, &buffer, buffer.count, 0)
            if n <= 0 { return }
            request += buffer[0..<n]
        }
        let lines = String(decoding: request, as: UTF8.self).components(separatedBy: "\r\n")
        let path = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        let range = lines.first { $0.lowercased().hasPrefix("range:") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) }
        let ifRange = lines.first { $0.lowercased().hasPrefix("if-range:") }.map { $0.dropFirst(9).trimmingCharacters(in: .whitespaces) }
        lock.lock()
        log.append((path, range))
        var route = routes[path] ?? Route(status: 404, body: Array("Not Found".utf8))
        if route.dropAfter != nil { routes[path]?.dropAfter = nil }
        lock.unlock()
        var status = route.status, body = route.body, headers = ["Connection: close"]
        if status == 200 { headers.append("ETag: \(route.etag)") }
        // A range is served only for the same file (`If-Range` names it), and only by a server that serves ranges.
        if status == 200, !route.ignoresRange, ifRange == nil || ifRange == route.etag, let range, range.hasPrefix("bytes="), let start = Int(range.dropFirst(6).split(separator: "-").first ?? "") {
            if start >= body.count {
                status = 416; headers.append("Content-Range: bytes */\(body.count)"); body = []
            } else {
                status = 206; headers.append("Content-Range: bytes \(start)-\(body.count - 1)/\(body.count)"); body = Array(body[start...])
                route.dropAfter = route.dropAfter.map { max(0, $0 - start) }
            }
        }
        let reason = [200: "OK", 206: "Partial Content", 404: "Not Found", 416: "Range Not Satisfiable", 500: "Internal Server Error"][status] ?? "Status"
        let head = "HTTP/1.1 \(status) \(reason)\r\nContent-Length: \(body.count)\r\n" + headers.joined(separator: "\r\n") + "\r\n\r\n"
        send(conn, Array(head.utf8))
        send(conn, route.dropAfter.map { Array(body.prefix($0)) } ?? body)
    }

    private func send(_ conn: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(conn, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }
}

extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
