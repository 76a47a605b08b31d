import Foundation
import Ingest
import MarketShapeCore

/// The JSON shape of `marketshape ingest --json`.
public struct IngestReport: Encodable {
    /// The JSON text for these files' accounting (keys sorted, pretty-printed).
    public static func json(_ files: [FileAccounting]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: DisplayText.cleanJSON(Array(try encoder.encode(IngestReport(files: files.map(File.init))))), as: UTF8.self)
    }

    struct File: Encodable {
        var path: String, action: String, sha256: String
        var read: Int, loaded: Int, set_aside: Int, set_aside_without_amount: Int
        var read_pence: Int, loaded_pence: Int, set_aside_pence: Int
        var set_aside_by_reason: [String: Int]
        var transcoded_fields: Int
        var parts: Int
        var reconciles: Bool
        var encoding: String, delimiter: String, header_row: Int, date_format: String, vat: String
        var mapping: [String: String]
        var notes: [String]
        var first_paid_on: String?, last_paid_on: String?
        /// For `duplicate` and `moved`: the other path the same bytes are loaded under.
        var other_path: String?
        /// Current files of the same month that repeat most of this file's payments, with how many rows.
        var repeats: [FileAccounting.Repeat]

        init(_ a: FileAccounting) {
            path = a.path; action = a.action.rawValue; sha256 = a.sha256
            read = a.read; loaded = a.loaded; set_aside = a.setAside; set_aside_without_amount = a.setAsideUnpriced
            read_pence = a.readPence; loaded_pence = a.loadedPence; set_aside_pence = a.setAsidePence
            set_aside_by_reason = a.setAsideByReason; transcoded_fields = a.transcodedFields; parts = a.parts; reconciles = a.reconciles
            encoding = a.config.encoding.rawValue; delimiter = a.config.delimiter; header_row = a.config.headerLine
            date_format = a.config.dateFormat.rawValue; vat = a.config.vat; mapping = a.config.mapping; notes = a.config.notes
            first_paid_on = a.firstPaidOn; last_paid_on = a.lastPaidOn
            other_path = a.otherPath; repeats = a.repeats
        }
    }
    var files: [File]
}
