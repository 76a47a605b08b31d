import Foundation
import Yams

extension PipelineConfig {
    /// Reads and validates a pipeline file. Every unknown key, wrong type and missing value is
    /// collected and thrown together as a `PipelineFileError` naming line, column and key.
    /// `checkFiles` (what `validate` asks) also makes a spend glob that matches no file, or a register file that is not
    /// there, an error at its line. A `root` that does not exist is always one: nothing is created under it.
    public static func load(path: String, checkFiles: Bool = false) throws -> PipelineConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PipelineFileError(file: path, problems: [.init(line: 0, column: 0, key: "(file)",
                                                                 message: "cannot read the pipeline file: \(error.localizedDescription)")])
        }
        return try parse(yaml: text, file: path, onDisk: true, checkFiles: checkFiles)
    }

    /// Parses pipeline YAML text; `file` names it in errors and anchors relative paths. `onDisk` checks that the root
    /// exists; `checkFiles`, that the spend and register files do.
    public static func parse(yaml text: String, file: String, onDisk: Bool = false, checkFiles: Bool = false) throws -> PipelineConfig {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw PipelineFileError(file: file, problems: [YAMLReader.problem(from: error)])
        }
        var reader = YAMLReader()
        reader.onDisk = onDisk
        reader.checkFiles = checkFiles
        guard let root = node, let mapping = root.mapping else {
            throw PipelineFileError(file: file, problems: [.init(line: 1, column: 1, key: "(document)",
                                                                 message: "expected a mapping of keys such as 'pipeline', 'body' and 'spend'")])
        }
        let config = reader.config(mapping, file: file)
        if !reader.problems.isEmpty || config == nil {
            throw PipelineFileError(file: file, problems: reader.problems)
        }
        return config!
    }
}

/// Walks the YAML node tree, checking keys and types and collecting problems.
struct YAMLReader {
    var problems: [PipelineFileError.Problem] = []
    var onDisk = false
    var checkFiles = false

    /// Whether a spend path or glob names at least one file, as ingest will expand it (`FileGlob`).
    static func matchesAFile(_ path: String) -> Bool {
        FileGlob.expand(path).contains { FileManager.default.fileExists(atPath: $0) }
    }

    /// The register kinds a pipeline names files (`registers:`) and download addresses (`register_sources:`) for.
    static let registerKeys = ["companies_house", "charity_commission", "fca_mutuals", "postcodes", "overrides", "local_authorities",
                               "local_authority_names", "academy_trusts", "independent_schools", "charity_company_links", "cio_company_links",
                               "mutual_company_links", "organisation_company_links", "psc", "investment_firms"]

    static let topKeys = ["pipeline", "root", "body", "spend", "registers", "places", "local", "segments",
                          "periods", "targets", "quality", "scope", "report", "warehouse", "reports", "outside_root", "expect", "register_sources", "publish"]

    static func problem(from error: YamlError) -> PipelineFileError.Problem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return .init(line: mark.line, column: mark.column, key: "(syntax)", message: problem)
        default:
            return .init(line: 0, column: 0, key: "(syntax)", message: "\(error)")
        }
    }

    mutating func fail(_ node: Node?, _ key: String, _ message: String) {
        problems.append(.init(line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, key: key, message: message))
    }

    /// Checks that only `allowed` keys appear; returns the values by key.
    mutating func fields(_ mapping: Node.Mapping, at path: String, allowed: [String]) -> [String: Node] {
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { fail(keyNode, path, "keys must be text"); continue }
            let full = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                let near = allowed.min { HeaderName.distance($0, key) < HeaderName.distance($1, key) }
                let hint = near.map { HeaderName.distance($0, key) <= 3 ? " (did you mean '\($0)'?)" : "" } ?? ""
                fail(keyNode, full, "unknown key\(hint); allowed here: \(allowed.joined(separator: ", "))")
                continue
            }
            if result[key] != nil { fail(keyNode, full, "key appears twice"); continue }
            result[key] = value
        }
        return result
    }

    mutating func string(_ node: Node?, _ key: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, !s.string.isEmpty, s.string != "~", s.string != "null" else {
            fail(node, key, "expected text"); return nil
        }
        return s.string
    }

    mutating func number(_ node: Node?, _ key: String) -> Double? {
        guard let node else { return nil }
        guard case .scalar(let s) = node else { fail(node, key, "expected a number"); return nil }
        var t = s.string.trimmingCharacters(in: " ")
        var scale = 1.0
        if t.hasSuffix("%") { t.removeLast(); scale = 0.01 }
        guard let v = Double(t) else { fail(node, key, "expected a number, got \"\(s.string)\""); return nil }
        return v * scale
    }

    mutating func strings(_ node: Node?, _ key: String) -> [String]? {
        guard let node else { return nil }
        if case .scalar = node { return string(node, key).map { [$0] } }
        guard let seq = node.sequence else { fail(node, key, "expected a list"); return nil }
        return seq.enumerated().compactMap { string($0.element, "\(key)[\($0.offset)]") }
    }

    mutating func config(_ top: Node.Mapping, file: String) -> PipelineConfig? {
        let f = fields(top, at: "", allowed: Self.topKeys)
        // A key that is missing is reported at the top of the document (line 1), not at 0:0.
        let document = top.first?.key
        let fileURL = URL(fileURLWithPath: PipelineConfig.lexical(URL(fileURLWithPath: file).path))
        let defaultRoot = fileURL.deletingLastPathComponent().deletingLastPathComponent().path
        let rootText = string(f["root"], "root")
        let root = rootText.map { resolve($0, against: fileURL.deletingLastPathComponent().path) } ?? defaultRoot
        if onDisk {
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) || !isFolder.boolValue {
                fail(f["root"] ?? document, "root", "\(root) is not a folder: the pipeline's files and outputs live under its root")
            }
        }
        let name = string(f["pipeline"], "pipeline") ?? fileURL.deletingPathExtension().lastPathComponent
        if !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            fail(f["pipeline"], "pipeline", "use letters, digits, '-' and '_' only: it names files")
        }

        var body = PipelineConfig.Body(name: name, code: nil)
        if let b = f["body"] {
            if let m = b.mapping {
                let bf = fields(m, at: "body", allowed: ["name", "code"])
                body.name = string(bf["name"], "body.name") ?? name
                body.code = string(bf["code"], "body.code")
            } else if let s = string(b, "body") { body.name = s }
        } else { fail(document, "body", "missing: say which body (council) this pipeline describes") }
        if let code = body.code, code.range(of: #"^[EWSN][0-9]{8}$"#, options: .regularExpression) == nil {
            fail(f["body"]?.mapping?["code"], "body.code", "'\(code)' is not a GSS code (a letter E, W, S or N and eight digits, e.g. E09000007)")
        }

        var spend: [PipelineConfig.SpendInput] = []
        if let s = f["spend"] {
            let items = s.sequence.map(Array.init) ?? [s]
            for (i, item) in items.enumerated() { if let input = spendInput(item, "spend[\(i)]", root: root) { spend.append(input) } }
        } else { fail(document, "spend", "missing: list the spend files or globs to ingest") }

        var registerSources: [String: String]? = nil
        if let r = f["register_sources"] {
            if let m = r.mapping {
                let rf = fields(m, at: "register_sources", allowed: Self.registerKeys)
                var sources: [String: String] = [:]
                for (key, node) in rf { if let url = string(node, "register_sources.\(key)") { sources[key] = url } }
                registerSources = sources
            } else { fail(r, "register_sources", "expected a mapping of register kinds to download addresses") }
        }

        var publishTo: String? = nil
        if let p = f["publish"] {
            var node: Node? = p
            if let m = p.mapping {
                let pf = fields(m, at: "publish", allowed: ["to"])
                node = pf["to"]
                if node == nil { fail(p, "publish.to", "missing: the PostgreSQL address, postgresql://user@host:5432/database") }
            }
            if let url = string(node, "publish.to") {
                if !(url.hasPrefix("postgresql://") || url.hasPrefix("postgres://")) {
                    fail(node, "publish.to", "expected a PostgreSQL address, postgresql://user@host:5432/database")
                } else if URLComponents(string: url)?.password != nil {
                    fail(node, "publish.to", "has a password in it: put the password in PGPASSWORD or ~/.pgpass, never in the pipeline file")
                } else { publishTo = url }
            }
        }

        var registers = PipelineConfig.Registers()
        if let r = f["registers"] {
            if let m = r.mapping {
                let rf = fields(m, at: "registers", allowed: Self.registerKeys)
                func path(_ k: String) -> String? {
                    let p = string(rf[k], "registers.\(k)").map { resolve($0, against: root) }
                    if checkFiles, let p, !FileManager.default.fileExists(atPath: p) { fail(rf[k], "registers.\(k)", "\(p): no such file") }
                    return p
                }
                registers = .init(companiesHouse: path("companies_house"), charityCommission: path("charity_commission"),
                                  fcaMutuals: path("fca_mutuals"), postcodes: path("postcodes"), overrides: path("overrides"),
                                  localAuthorities: path("local_authorities"), localAuthorityNames: path("local_authority_names"),
                                  academyTrusts: path("academy_trusts"), independentSchools: path("independent_schools"),
                                  charityCompanyLinks: path("charity_company_links"), cioCompanyLinks: path("cio_company_links"),
                                  mutualCompanyLinks: path("mutual_company_links"), organisationCompanyLinks: path("organisation_company_links"),
                                  psc: path("psc"), investmentFirms: path("investment_firms"))
            } else { fail(r, "registers", "expected a mapping of register kinds to files") }
        }

        var local = PipelineConfig.LocalDefinition(localAuthorities: [], outwardCodes: [], label: "")
        if let l = f["local"] {
            if let m = l.mapping {
                let lf = fields(m, at: "local", allowed: ["local_authority", "outward_codes", "label"])
                local.localAuthorities = strings(lf["local_authority"], "local.local_authority") ?? []
                local.outwardCodes = (strings(lf["outward_codes"], "local.outward_codes") ?? []).map { $0.uppercased() }
                local.label = string(lf["label"], "local.label") ?? ""
            } else { fail(l, "local", "expected a mapping with local_authority and/or outward_codes") }
        } else if let code = body.code { local.localAuthorities = [code] }
        let segments = strings(f["segments"], "segments") ?? ["directorate", "service"]
        let allowedSegments = ["directorate", "service", "expense_type", "category", "cost_centre", "capital_revenue", "place"]
        for (i, s) in segments.enumerated() where !allowedSegments.contains(s) {
            fail(f["segments"]?.sequence?[i] ?? f["segments"], "segments[\(i)]", "unknown segment '\(s)'; use one of \(allowedSegments.joined(separator: ", "))")
        }
        if let p = f["periods"], p.sequence?.isEmpty == true { fail(p, "periods", "list at least one period kind: month, quarter, financial_year or rolling_12_months") }
        var periods: [PipelineConfig.PeriodKind] = []
        for (i, p) in (strings(f["periods"], "periods") ?? ["month", "quarter", "financial_year"]).enumerated() {
            if let k = PipelineConfig.PeriodKind(rawValue: p) { periods.append(k) }
            else { fail(f["periods"]?.sequence?[i] ?? f["periods"], "periods[\(i)]", "unknown period '\(p)'; use month, quarter, financial_year or rolling_12_months") }
        }

        var targets: [PipelineConfig.Target] = []
        if let t = f["targets"] {
            if let seq = t.sequence {
                for (i, item) in seq.enumerated() {
                    let key = "targets[\(i)]"
                    guard let m = item.mapping else { fail(item, key, "expected a mapping with measure and at_least or at_most"); continue }
                    let tf = fields(m, at: key, allowed: ["measure", "segment", "at_least", "at_most", "label"])
                    guard let measure = string(tf["measure"], "\(key).measure") else {
                        if tf["measure"] == nil { fail(item, "\(key).measure", "missing") }
                        continue
                    }
                    let target = PipelineConfig.Target(measure: measure, segment: string(tf["segment"], "\(key).segment") ?? "all",
                                                       atLeast: number(tf["at_least"], "\(key).at_least"),
                                                       atMost: number(tf["at_most"], "\(key).at_most"),
                                                       label: string(tf["label"], "\(key).label"))
                    if target.atLeast == nil && target.atMost == nil && tf["at_least"] == nil && tf["at_most"] == nil {
                        fail(item, key, "give at_least or at_most")
                    }
                    // A share is between 0% and 100%; HHI between 0 and 10,000.
                    let bound: ClosedRange<Double> = measure == "hhi" ? 0...10_000 : 0...1
                    for (k, v) in [("at_least", target.atLeast), ("at_most", target.atMost)] where v.map({ !bound.contains($0) }) == true {
                        fail(tf[k], "\(key).\(k)", measure == "hhi" ? "an HHI is between 0 and 10,000" : "a share is between 0% and 100%")
                    }
                    if !TargetMeasure.isKnown(measure) {
                        fail(tf["measure"], "\(key).measure", "unknown measure '\(measure)'; use \(TargetMeasure.names.joined(separator: ", "))")
                    }
                    if let segment = tf["segment"].flatMap({ $0.string }), !TargetMeasure.isValidSegment(segment) {
                        fail(tf["segment"], "\(key).segment", "use all, a segment kind such as service (each service), or kind=value such as service=Homecare")
                    }
                    targets.append(target)
                }
            } else { fail(t, "targets", "expected a list") }
        }

        var quality = PipelineConfig.QualityThresholds(maxSetAsideShare: 0.05)
        if let q = f["quality"] {
            if let m = q.mapping {
                let qf = fields(m, at: "quality", allowed: ["max_set_aside_share"])
                if let v = number(qf["max_set_aside_share"], "quality.max_set_aside_share") {
                    if (0...1).contains(v) { quality.maxSetAsideShare = v }
                    else { fail(qf["max_set_aside_share"], "quality.max_set_aside_share", "expected a share between 0 and 1") }
                }
            } else { fail(q, "quality", "expected a mapping") }
        }

        var reportSettings: PipelineConfig.ReportSettings? = nil
        if let r = f["report"] {
            if let m = r.mapping {
                let rf = fields(m, at: "report", allowed: ["complete_month_share", "minimum_coverage"])
                var settings = PipelineConfig.ReportSettings()
                for (key, path) in [("complete_month_share", \PipelineConfig.ReportSettings.completeMonthShare),
                                    ("minimum_coverage", \PipelineConfig.ReportSettings.minimumCoverage)] {
                    guard let v = number(rf[key], "report.\(key)") else { continue }
                    if (0...1).contains(v) { settings[keyPath: path] = v }
                    else { fail(rf[key], "report.\(key)", "expected a share between 0 and 1") }
                }
                reportSettings = settings
            } else { fail(r, "report", "expected a mapping with complete_month_share and minimum_coverage") }
        }

        var (scopeRules, measuredScopes) = ([ScopeRule](), [Scope.market])
        if let sc = f["scope"] { (scopeRules, measuredScopes) = scope(sc, file: file) }

        let warehouse = string(f["warehouse"], "warehouse").map { resolve($0, against: root) } ?? "\(root)/data/warehouse/\(name).sqlite"
        let reports = string(f["reports"], "reports").map { resolve($0, against: root) } ?? "\(root)/reports/\(name)"
        let places = string(f["places"], "places").map { resolve($0, against: root) }

        // Folders outside the root that the pipeline means to read from (a shared drive, a mirror of the registers).
        let outsideRoot = (strings(f["outside_root"], "outside_root") ?? []).map { resolve($0, against: root) }
        if checkFiles {
            for (i, folder) in outsideRoot.enumerated() where !FileManager.default.fileExists(atPath: folder) {
                fail(f["outside_root"]?.sequence?[i] ?? f["outside_root"], "outside_root[\(i)]", "\(folder): no such folder")
            }
        }

        var config = PipelineConfig(name: name, file: file, root: root, body: body, spend: spend, registers: registers,
                                    places: places, local: local, segments: segments, periods: periods, targets: targets,
                                    quality: quality, warehouse: warehouse, reports: reports)
        config.scopeRules = scopeRules
        config.measuredScopes = measuredScopes
        config.reportSettings = reportSettings
        config.outsideRoot = outsideRoot
        config.registerSources = registerSources
        config.publishTo = publishTo
        if let e = f["expect"] { config.expect = expectation(e) }
        return config
    }

    /// `expect: monthly` (or `quarterly`), or a mapping `{every: monthly, lag_days: 45}`.
    mutating func expectation(_ node: Node) -> PublicationExpectation? {
        let cadences = PublicationExpectation.Cadence.allCases.map(\.rawValue).joined(separator: ", ")
        var cadenceNode: Node? = node, lag = PublicationExpectation.defaultLagDays
        if let m = node.mapping {
            let ef = fields(m, at: "expect", allowed: ["every", "lag_days"])
            cadenceNode = ef["every"]
            if cadenceNode == nil { fail(node, "expect.every", "missing: say how often the body publishes (\(cadences))") }
            if let v = number(ef["lag_days"], "expect.lag_days") {
                if v >= 0 && v <= 366 && v == v.rounded() { lag = Int(v) } else { fail(ef["lag_days"], "expect.lag_days", "expected whole days between 0 and 366") }
            }
        }
        guard let text = string(cadenceNode, node.mapping == nil ? "expect" : "expect.every") else { return nil }
        guard let cadence = PublicationExpectation.Cadence(rawValue: text) else {
            fail(cadenceNode, "expect", "'\(text)' is not a cadence; use one of \(cadences)"); return nil
        }
        return PublicationExpectation(cadence: cadence, lagDays: lag)
    }

    /// `scope:` is a list of rules, or a mapping with `rules` (that list) and `measure` (the scopes to measure over).
    /// A rule is a mapping of conditions (`supplier`, `service`, `expense_type`, `category`, `directorate`,
    /// `cost_centre`: glob patterns) and `scope`.
    mutating func scope(_ node: Node, file: String) -> ([ScopeRule], [Scope]) {
        let scopes = Scope.allCases.map(\.rawValue).joined(separator: ", ")
        var rulesNode: Node? = node, measured = [Scope.market]
        if let m = node.mapping {
            let sf = fields(m, at: "scope", allowed: ["rules", "measure"])
            rulesNode = sf["rules"]
            if let list = strings(sf["measure"], "scope.measure") {
                measured = []
                for (i, text) in list.enumerated() {
                    if let s = Scope(rawValue: text) { measured.append(s) }
                    else { fail(sf["measure"]?.sequence?[i] ?? sf["measure"], "scope.measure[\(i)]", "unknown scope '\(text)'; use \(scopes)") }
                }
                if measured.isEmpty && list.isEmpty { fail(sf["measure"], "scope.measure", "list at least one scope to measure, e.g. [market]") }
            }
        } else if node.sequence == nil { fail(node, "scope", "expected a list of rules, or a mapping with rules and measure"); return ([], measured) }
        var rules: [ScopeRule] = []
        for (i, item) in (rulesNode?.sequence.map(Array.init) ?? []).enumerated() {
            let key = "scope\(node.mapping != nil ? ".rules" : "")[\(i)]"
            guard let m = item.mapping else { fail(item, key, "expected a mapping such as {expense_type: \"Precepts*\", scope: public_sector}"); continue }
            let rf = fields(m, at: key, allowed: ScopeRule.fields + ["scope"])
            var conditions: [String: String] = [:]
            for field in ScopeRule.fields { if let v = string(rf[field], "\(key).\(field)") { conditions[field] = v } }
            guard let scopeText = string(rf["scope"], "\(key).scope") else {
                if rf["scope"] == nil { fail(item, "\(key).scope", "missing: say which scope (\(scopes))") }
                continue
            }
            guard let scope = Scope(rawValue: scopeText) else { fail(rf["scope"], "\(key).scope", "unknown scope '\(scopeText)'; use \(scopes)"); continue }
            if conditions.isEmpty { fail(item, key, "give at least one of \(ScopeRule.fields.joined(separator: ", "))"); continue }
            let origin = "\(URL(fileURLWithPath: file).lastPathComponent) line \((item.mark?.line ?? 0))"
            rules.append(ScopeRule(conditions: conditions, scope: scope, origin: origin))
        }
        return (rules, measured)
    }

    mutating func spendInput(_ node: Node, _ key: String, root: String) -> PipelineConfig.SpendInput? {
        func checked(_ path: String, _ at: Node?) -> String {
            if checkFiles && !Self.matchesAFile(path) { fail(at, key, "\(path) matches no file") }
            return path
        }
        if case .scalar = node { return string(node, key).map { .init(path: checked(resolve($0, against: root), node), overrides: .none) } }
        guard let m = node.mapping else { fail(node, key, "expected a path or a mapping with 'path'"); return nil }
        let sf = fields(m, at: key, allowed: ["path", "encoding", "delimiter", "date_format", "header_line", "vat", "columns", "replaces"])
        guard let path = string(sf["path"], "\(key).path") else {
            if sf["path"] == nil { fail(node, "\(key).path", "missing") }
            return nil
        }
        var o = SourceOverrides()
        o.encoding = string(sf["encoding"], "\(key).encoding")
        if let e = o.encoding, !["utf-8", "windows-1252"].contains(e) { fail(sf["encoding"], "\(key).encoding", "use utf-8 or windows-1252") }
        o.delimiter = string(sf["delimiter"], "\(key).delimiter").map { $0 == "\\t" || $0 == "tab" ? "\t" : $0 }
        if let d = o.delimiter, d.utf8.count != 1 { fail(sf["delimiter"], "\(key).delimiter", "expected one character such as ',' ';' '|' or 'tab'") }
        if let d = string(sf["date_format"], "\(key).date_format") {
            o.dateFormat = DateFormat(rawValue: d)
            if o.dateFormat == nil { fail(sf["date_format"], "\(key).date_format", "use one of \(DateFormat.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        if let h = number(sf["header_line"], "\(key).header_line") { o.headerLine = Int(h) }
        o.vat = string(sf["vat"], "\(key).vat")
        if let v = o.vat, !["net", "gross"].contains(v) { fail(sf["vat"], "\(key).vat", "use net or gross") }
        if let c = sf["columns"] {
            if let cm = c.mapping {
                let names = CanonicalField.allCases.map(\.rawValue)
                let cf = fields(cm, at: "\(key).columns", allowed: names)
                for (field, value) in cf { if let header = string(value, "\(key).columns.\(field)") { o.columns[field] = header } }
            } else { fail(c, "\(key).columns", "expected a mapping of canonical field to header") }
        }
        let replaces = (strings(sf["replaces"], "\(key).replaces") ?? []).map { resolve($0, against: root) }
        return .init(path: checked(resolve(path, against: root), sf["path"]), overrides: o, replaces: replaces)
    }

    func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("/") { return PipelineConfig.lexical(path) }
        return PipelineConfig.lexical(base + "/" + path)
    }
}
