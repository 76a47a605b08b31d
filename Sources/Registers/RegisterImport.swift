import Foundation
import MarketShapeCore

/// What one register import did.
public struct RegisterImport: Sendable, Equatable {
    public var kind: RegisterKind
    public var path: String
    public var sha256: String
    public var versionID: Int
    /// Data rows read from the file.
    public var read: Int
    public var imported: Int
    /// Rows not imported, by reason (`no company_number`, `linked charity`, `duplicate key`…).
    public var skipped: [String: Int]
    public var seconds: Double
    /// False when the same file was already the current version (nothing was done).
    public var changed: Bool

    public var summaryLine: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard changed else { return "\(kind.title) (\(name)): unchanged since version \(versionID)" }
        let rate = seconds > 0 ? Int(Double(read) / seconds) : read
        let skips = skipped.isEmpty ? "" : "; skipped " + skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return "\(kind.title) (\(name)): \(imported) of \(read) rows imported as version \(versionID) in \(String(format: "%.1f", seconds)) s (\(rate) rows/s)\(skips)"
    }
}
