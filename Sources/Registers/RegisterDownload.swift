import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MarketShapeCore
import StageKit

/// Why a register could not be fetched. The previous version stays in use whatever happened.
public struct RegisterFetchError: Error, CustomStringConvertible, ExitStatusProviding {
    public enum Reason: Sendable, Equatable {
        /// No connection, a timeout, a dropped connection (what was received is kept, and the next fetch resumes it).
        case network
        /// The server answered with an HTTP error.
        case http(Int)
        /// Fewer bytes arrived than the server said it would send (kept, to resume).
        case truncated
        /// The zip cannot be read or fails its checksum, or holds no register file.
        case corrupt
        /// No address is known for the register.
        case noSource
    }
    public var kind: RegisterKind
    public var reason: Reason
    public var message: String
    public var exitStatus: ExitStatus { reason == .noSource ? .badUsage : .download }
    public init(kind: RegisterKind, reason: Reason, message: String) { self.kind = kind; self.reason = reason; self.message = message }
    public var description: String {
        reason == .noSource ? "\(kind.rawValue): \(message)" : "\(kind.rawValue): \(message); the file and version in use before stay in use"
    }
}

/// One HTTP download into a `.part` file that survives an interruption: a later download of the same address asks for
/// the rest (`Range: bytes=N-`) and appends, or starts again when the server sends the whole file. Memory stays at one
/// received chunk whatever the size (URLSession's data delegate, written straight to disk).
struct RegisterDownload {
    let url: URL
    let partPath: String
    var timeout: TimeInterval = 60

    /// What arrived: the complete file's size and where it came from (after redirects).
    struct Result { var bytes: Int; var finalURL: String; var resumedFrom: Int }

    /// What the `.url` file beside a part records: the address, and the validator (ETag or Last-Modified) of the file the
    /// part holds the start of, so a resume asks for the rest of that same file (`If-Range`) and never stitches two.
    struct PartRecord: Codable, Equatable { var url: String; var validator: String? }

    func run(kind: RegisterKind, meter: ProgressMeter) throws -> Result {
        try attempt(kind: kind, meter: meter, mayResume: true)
    }

    /// One request; a resume the server cannot honour (a 206 from elsewhere than the part's end, a 416 for a file of
    /// another size) starts again once from the beginning.
    private func attempt(kind: RegisterKind, meter: ProgressMeter, mayResume: Bool) throws -> Result {
        let fm = FileManager.default
        let recordPath = partPath + ".url"
        let record = (try? Data(contentsOf: URL(fileURLWithPath: recordPath))).flatMap { try? JSONDecoder().decode(PartRecord.self, from: $0) }
        // A partial file from another address, or one whose file is not known, is not resumed.
        if !mayResume || record?.url != url.absoluteString || record?.validator == nil { try? fm.removeItem(atPath: partPath) }
        if !fm.fileExists(atPath: partPath) { fm.createFile(atPath: partPath, contents: nil) }
        let have = ((try? fm.attributesOfItem(atPath: partPath)[.size]) as? Int) ?? 0
        var request = URLRequest(url: url, timeoutInterval: timeout)
        // The bytes as stored: a compressing mirror would change their count.
        request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        if have > 0, let validator = record?.validator {
            request.setValue("bytes=\(have)-", forHTTPHeaderField: "Range")
            request.setValue(validator, forHTTPHeaderField: "If-Range")
        }
        let sink = try DownloadSink(path: partPath, have: have, meter: meter)
        let session = URLSession(configuration: .ephemeral, delegate: sink, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        sink.done.wait()
        try sink.handle.synchronizeFile()
        try sink.handle.close()
        if let validator = sink.validator {
            try JSONEncoder().encode(PartRecord(url: url.absoluteString, validator: validator)).write(to: URL(fileURLWithPath: recordPath))
        }
        if sink.restart {
            guard mayResume else {
                throw RegisterFetchError(kind: kind, reason: .corrupt, message: "\(url.absoluteString) answered a request for the whole file with part of it")
            }
            try? fm.removeItem(atPath: partPath)
            return try attempt(kind: kind, meter: meter, mayResume: false)
        }
        let got = ((try? fm.attributesOfItem(atPath: partPath)[.size]) as? Int) ?? 0
        if let status = sink.status, !(200...299).contains(status) && status != 416 {
            // Gone for good: nothing to resume. A server error or a timeout keeps what arrived for the next fetch.
            if [404, 410].contains(status) { try? fm.removeItem(atPath: partPath); try? fm.removeItem(atPath: recordPath) }
            throw RegisterFetchError(kind: kind, reason: .http(status), message: "\(url.absoluteString) answered HTTP \(status)\(sink.errorBody.map { ": \($0)" } ?? "")")
        }
        if let error = sink.error {
            throw RegisterFetchError(kind: kind, reason: .network, message: "downloading \(url.absoluteString) failed after \(ProgressMeter.describeBytes(got))\(sink.total.map { " of \(ProgressMeter.describeBytes($0))" } ?? ""): \(error.localizedDescription); run the fetch again to resume")
        }
        if let total = sink.total, got != total {
            throw RegisterFetchError(kind: kind, reason: .truncated, message: "\(url.absoluteString) sent \(ProgressMeter.describeBytes(got)) of \(ProgressMeter.describeBytes(total)); run the fetch again to resume")
        }
        if sink.total == nil && sink.status == 416 {
            throw RegisterFetchError(kind: kind, reason: .corrupt, message: "\(url.absoluteString) refused the rest of the file without saying its size")
        }
        try? fm.removeItem(atPath: recordPath)
        return Result(bytes: got, finalURL: sink.finalURL ?? url.absoluteString, resumedFrom: sink.resumedFrom)
    }
}

/// Receives a download: decides on the response whether to append (206 from where the part ends), start again (200),
/// or give up the part (a 206 from elsewhere, a 416 for a file of another size), then writes each chunk to the part file.
final class DownloadSink: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let handle: FileHandle
    let meter: ProgressMeter
    let done = DispatchSemaphore(value: 0)
    var have: Int
    var status: Int?
    var total: Int?
    var error: Error?
    var finalURL: String?
    var resumedFrom = 0
    var errorBody: String?
    /// The file's ETag, else its Last-Modified date.
    var validator: String?
    /// The part cannot be resumed from this answer: start again from the beginning.
    var restart = false
    private var errorBytes = Data()

    init(path: String, have: Int, meter: ProgressMeter) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        self.handle = handle; self.have = have; self.meter = meter
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        status = http?.statusCode
        finalURL = response.url?.absoluteString
        func header(_ name: String) -> String? { http?.value(forHTTPHeaderField: name) }
        validator = header("ETag") ?? header("Last-Modified")
        let length = header("Content-Length").flatMap { Int($0) }
        let range = header("Content-Range") ?? ""
        let rangeTotal = Int(range.split(separator: "/").last ?? "")
        switch status ?? 200 {
        case 206:
            // `Content-Range: bytes N-M/TOTAL`: resumed from N, which must be where the part ends.
            let start = Int(range.split(separator: " ").last?.split(separator: "-").first ?? "")
            guard start == have, rangeTotal != nil else { restart = true; completionHandler(.cancel); return }
            total = rangeTotal
            handle.seekToEndOfFile(); resumedFrom = have
        case 200...299:
            handle.truncateFile(atOffset: 0); have = 0; total = length
        case 416:
            // The part is already the whole file (`Content-Range: bytes */TOTAL`) only when the sizes agree.
            guard rangeTotal == have else { restart = true; completionHandler(.cancel); return }
            total = rangeTotal
        default:
            break
        }
        if (200...299).contains(status ?? 200) { meter.set(have); meter.setTotal(total) }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard (200...299).contains(status ?? 200) else {
            if errorBytes.count < 300 { errorBytes.append(data.prefix(300 - errorBytes.count)) }
            return
        }
        handle.write(data)
        meter.advance(by: data.count)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        // A cancel to start again is not a failure.
        self.error = restart ? nil : error
        if !errorBytes.isEmpty {
            errorBody = String(decoding: errorBytes, as: UTF8.self).split(whereSeparator: \.isNewline).first.map { String($0.prefix(120)) }
        }
        done.signal()
    }
}
