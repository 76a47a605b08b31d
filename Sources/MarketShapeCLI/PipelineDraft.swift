import Classify
import Foundation
import Ingest
import MarketShapeCore
import Registers
import SpendCSV
import Warehouse

/// A first pipeline file for a new body, from what sniffing finds in its spend files (`marketshape init`): the body
/// matched to the local-authority register, the spend glob, how each column was matched, the segments, periods,
/// example targets and the registers. A file whose columns cannot all be found is written with the lines to edit.
struct PipelineDraft {
    var name: String
    var files: [String]
    /// Where the bundled registers are (`data/registers`), relative to the project root.
    var registersFolder: String

    /// The body found, how, and its GSS code.
    struct Body: Equatable { var name: String; var code: String?; var how: String }

    /// One file's reading, or the error that says what to edit.
    /// One file as sniffing found it: its configuration, or the fields it could not find, or (`failure`) why it could
    /// not be read at all (a workbook, a web page, an unbalanced quote).
    struct Sniffed { var path: String; var config: SourceConfig?; var problem: UnmappableFileError?; var failure: String? = nil }

    /// The bundled registers init writes live, by key, with what each adds.
    static let bundled: [(key: String, file: String, gives: String)] = [
        ("local_authorities", "uk_local_authorities.csv", "councils as public bodies, and the body's own code"),
        ("local_authority_names", "uk_local_authority_names.csv", "the names councils are paid under"),
        ("academy_trusts", "academy-trusts-company-number.csv", "academy trusts as public bodies"),
        ("independent_schools", "independent-schools-ew.csv", "independent schools"),
        ("charity_company_links", "charity-company-numbers.csv", "charitable companies as VCSEs"),
        ("cio_company_links", "cio-company-numbers.csv", "charitable incorporated organisations"),
        ("mutual_company_links", "mutual-companies.csv", "registered societies and co-operatives"),
        ("organisation_company_links", "organisation-company-numbers.csv", "schools and NHS bodies by company number"),
    ]
    /// The registers a user fetches, commented, with what each would add.
    static let fetched: [(key: String, gives: String)] = [
        ("companies_house", "Companies House BasicCompanyData: SME (accounts category) and company status for every company"),
        ("charity_commission", "the Charity Commission register: VCSE for every registered charity"),
        ("fca_mutuals", "the FCA Mutuals Public Register: co-operatives and community benefit societies"),
        ("postcodes", "the ONS Postcode Directory: which local authority a supplier's postcode is in (the local share)"),
        ("psc", "the Companies House PSC snapshot: who owns each company, for owner groups and group-level concentration"),
    ]

    func sniffAll() -> [Sniffed] {
        files.map { path in
            do { return Sniffed(path: path, config: try SpendFileSniffer().sniff(path: path), problem: nil) }
            catch let e as UnmappableFileError { return Sniffed(path: path, config: nil, problem: e) }
            catch {
                return Sniffed(path: path, config: nil, problem: UnmappableFileError(path: path, headerLine: 1, headers: [], missing: CanonicalField.required),
                               failure: "\(error)")
            }
        }
    }

    /// The body: the local-authority register's entry for the files' body-name column, else for a word of the file
    /// names (`bradford_2019-10.csv` → Bradford).
    func body(_ sniffed: [Sniffed]) throws -> Body? {
        let register = registersFolder + "/uk_local_authorities.csv"
        guard FileManager.default.fileExists(atPath: register) else { return nil }
        let w = try Warehouse(path: ":memory:")
        _ = try RegisterImporter(warehouse: w).importFile(.localAuthorities, path: register)
        if FileManager.default.fileExists(atPath: registersFolder + "/uk_local_authority_names.csv") {
            _ = try RegisterImporter(warehouse: w).importFile(.localAuthorityNames, path: registersFolder + "/uk_local_authority_names.csv")
        }
        let names = try ClassifyStage.localAuthorities(w)
        func entry(_ text: String, how: String) throws -> Body? {
            guard let (a, _) = names.match(SupplierName.normalise(text)) else { return nil }
            let gss = try w.query("SELECT gss_code FROM reg_local_authorities WHERE code = ?", [.text(a.code)]).first?.first?.string
            return Body(name: a.name, code: gss, how: how)
        }
        // A body-name column: its most common value.
        for s in sniffed {
            guard let c = s.config, let column = c.column(.bodyName) else { continue }
            var counts: [String: Int] = [:]
            try CSVReader(dialect: c.dialect).read(path: s.path, maxRecords: c.headerLine + 500) { r in
                if r.line > c.headerLine, column < r.count { counts[r.string(column).trimmingCharacters(in: " "), default: 0] += 1 }
            }
            if let top = counts.max(by: { $0.value < $1.value })?.key, let b = try entry(top, how: "the files' \(c.headers[column]) column says \"\(top)\"") { return b }
        }
        // The file names' words, longest run first (`east_devon_…` is East Devon, not Devon).
        for path in files {
            let words = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                .split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count > 2 }
            for length in stride(from: min(3, words.count), through: 1, by: -1) {
                for start in 0...(words.count - length) {
                    let phrase = words[start..<(start + length)].joined(separator: " ")
                    if let b = try entry(phrase, how: "the file name \(URL(fileURLWithPath: path).lastPathComponent) names \"\(phrase)\"") { return b }
                }
            }
        }
        return nil
    }

    /// The spend entry: one glob when every file shares a folder and a name prefix (the next month's file then joins
    /// by itself), else the files.
    func spendPaths() -> [String] {
        let folders = Set(files.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        let names = files.map { URL(fileURLWithPath: $0).lastPathComponent }
        guard files.count > 1, folders.count == 1, let folder = folders.first, let first = names.first else { return files }
        var prefix = Substring(first)
        for n in names { while !n.hasPrefix(prefix) { prefix = prefix.dropLast() } }
        // The varying part is a date: cut the prefix before its first digit (`bradford_2019-1` → `bradford_`, so next
        // year's files join too), and back to a word's start when it ends inside one (`spend_a` of `spend_april`).
        if let digit = prefix.firstIndex(where: \.isNumber) { prefix = prefix[..<digit] }
        if let next = first.dropFirst(prefix.count).first, next.isLetter {
            while let last = prefix.last, last.isLetter { prefix = prefix.dropLast() }
        }
        let ext = URL(fileURLWithPath: first).pathExtension
        guard prefix.count >= 3, Set(files.map { URL(fileURLWithPath: $0).pathExtension }).count == 1 else { return files }
        let relative = files[0].hasPrefix("/") ? folder : (URL(fileURLWithPath: files[0]).deletingLastPathComponent().relativePath)
        return ["\(relative)/\(prefix)*\(ext.isEmpty ? "" : "." + ext)"]
    }

    /// A YAML double-quoted scalar: a header or path may hold `"`, `\\`, `: ` or ` #`.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The segments: the market columns sniffing mapped (labels, not codes or free text), finest first.
    static func segments(_ configs: [SourceConfig]) -> [String] {
        let order: [CanonicalField] = [.service, .expenseType, .category, .directorate]
        return order.filter { f in configs.contains { $0.column(f) != nil } }.map(\.rawValue)
    }

    /// The pipeline file's text, and the lines a person must edit (1-based), if any.
    func yaml(_ sniffed: [Sniffed], body: Body?) -> (text: String, edit: [Int]) {
        var lines: [String] = []
        var edit: [Int] = []
        func add(_ s: String, edit mark: Bool = false) { lines.append(s); if mark { edit.append(lines.count) } }
        add("# \(body?.name ?? name): written by `marketshape init` from \(files.count) spend file(s). Check it, then run:")
        add("#   marketshape validate pipelines/\(name).yml && marketshape run pipelines/\(name).yml")
        add("pipeline: \(name)")
        add("body:")
        add("  name: \(body?.name ?? name)")
        if let b = body, let code = b.code { add("  code: \(code)                   # from the local-authority register: \(b.how)") }
        else { add("  # code: E0…                      # EDIT: the body's GSS code (not found in the local-authority register)", edit: true) }
        let outside = files.filter { $0.hasPrefix("../") || $0.hasPrefix("/") }
        if !outside.isEmpty {
            let folders = Array(Set(outside.map { URL(fileURLWithPath: $0).deletingLastPathComponent().relativePath })).sorted()
            add("outside_root: [\(folders.map(Self.quoted).joined(separator: ", "))]   # the spend files lie outside the project")
        }
        add("spend:")
        let configs = sniffed.compactMap(\.config)
        let needsHand = sniffed.filter { $0.config == nil || $0.config?.inferredColumns != nil }
        // A file with no service or expense type but a directorate: its only grouping of spend names the markets.
        let onlyGrouping = configs.isEmpty || configs.contains { $0.column(.service) != nil || $0.column(.expenseType) != nil }
            ? nil : configs.first.flatMap { c in c.column(.directorate).map { c.headers[$0] } }
        if needsHand.isEmpty, let grouping = onlyGrouping {
            for p in spendPaths() {
                add("  - path: \(Self.quoted(p))")
                add("    columns:")
                add("      service: \(Self.quoted(grouping))   # no service or expense-type column: its only grouping of spend names the markets")
            }
        } else if needsHand.isEmpty {
            for p in spendPaths() { add("  - \(Self.quoted(p))") }
        } else {
            for s in sniffed {
                guard s.config == nil || s.config?.inferredColumns != nil else {
                    add("  - path: \(Self.quoted(s.path))")
                    if let grouping = onlyGrouping { add("    columns:"); add("      service: \(Self.quoted(grouping))") }
                    continue
                }
                add("  - path: \(Self.quoted(s.path))")
                add("    columns:")
                if let grouping = onlyGrouping { add("      service: \(Self.quoted(grouping))") }
                if let c = s.config {
                    for line in c.inferredColumns ?? [] { add("      # found from the content: \(line)") }
                    for field in CanonicalField.required { if let i = c.column(field) { add("      \(field.rawValue): \(Self.quoted(c.headers[i]))") } }
                } else if let e = s.problem {
                    for field in e.missing {
                        let header = e.proposedHeaders[field] ?? "HEADER"
                        add("      \(field.rawValue): \(Self.quoted(header))      # EDIT: the column that holds \(field.rawValue)", edit: true)
                    }
                }
            }
        }
        if let c = configs.first {
            add("# How the columns were matched (sniffing does this on every run; a `columns:` entry fixes one):")
            for field in CanonicalField.allCases {
                guard let i = c.column(field) else { continue }
                let how = (c.inferredColumns ?? []).first { $0.hasPrefix(field.rawValue + " ←") }.map { _ in "found from the content" } ?? "a known spelling"
                add("#   \(field.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) ← \"\(DisplayText.clean(c.headers[i]))\" (\(how))")
            }
            let useful: [CanonicalField] = [.supplierPostcode, .companyNumber, .charityNumber, .service, .expenseType, .directorate]
            let absent = useful.filter { c.column($0) == nil }.map(\.rawValue)
            if !absent.isEmpty { add("#   not in the file: \(absent.joined(separator: ", "))") }
        }
        let segments = onlyGrouping == nil ? Self.segments(configs) : ["service"]
        if segments.isEmpty {
            add("segments: []   # EDIT: no column names markets (service, expense type): map one under columns: and list it here", edit: true)
        } else {
            add("segments: [\(segments.joined(separator: ", "))]")
        }
        add("periods: [month, quarter, financial_year]")
        add("registers:")
        for r in Self.bundled where FileManager.default.fileExists(atPath: registersFolder + "/" + r.file) {
            add("  \(r.key): \(registersFolder)/\(r.file)   # \(r.gives)")
        }
        for r in Self.fetched { add("  # \(r.key): FILE   # \(r.gives)") }
        add("targets:   # EXAMPLES: replace them with the body's own")
        add("  - measure: sme_vcse_share")
        add("    at_least: 30%")
        add("    label: SME and VCSE share of market spend (example target)")
        add("  - measure: hhi")
        add("    segment: \(segments.first ?? "all")")
        add("    at_most: 2500")
        add("    label: No \((segments.first ?? "market").replacingOccurrences(of: "_", with: " ")) more than moderately concentrated (example target)")
        return (lines.joined(separator: "\n") + "\n", edit)
    }
}
