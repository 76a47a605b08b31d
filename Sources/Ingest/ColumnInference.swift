import MarketShapeCore

/// Finds the date, amount and payee columns of a file whose headers name none of them (a finance system's internal
/// field codes: organisation names under `VEND_ID`, dates under `Updated`), from what the columns hold, as an analyst
/// would by looking. Each finding carries its evidence ("column 7 "Updated": 100% of 2,999 values are dates"). A
/// finding is *strong* when the content leaves no real doubt: then the file loads with it and the run says so; else
/// it is only proposed, as `columns:` lines to paste.
struct ColumnInference {
    /// One column found for one field.
    struct Finding: Equatable {
        var field: CanonicalField
        var column: Int
        var header: String
        /// What the column holds, in words.
        var evidence: String
        /// Whether the evidence is strong enough to load the file with it.
        var strong: Bool

        /// `paid_on ← column 7 "Updated" (100% of 2,999 values are dates)`.
        var line: String { "\(field.rawValue) ← column \(column + 1) \"\(DisplayText.clean(String(header.prefix(40))))\" (\(evidence))" }
    }

    /// At least this many filled values before a column's content counts as evidence.
    static let minimumValues = 20

    /// What one column holds, over the sample's rows.
    struct Profile {
        var filled = 0, dates = 0, amounts = 0, pennies = 0, names = 0, legalForms = 0, longText = 0, distinct = 0
        var absolutePence: Int = 0
        var months: [Int?] = []

        func share(_ n: Int) -> Double { filled == 0 ? 0 : Double(n) / Double(filled) }
    }

    /// Words that mark an organisation's name: legal forms and the kinds of body councils pay.
    static let organisationWords: Set<String> = [
        "LTD", "LIMITED", "PLC", "LLP", "LLC", "INC", "CIC", "CIO", "CO", "COMPANY", "TRUST", "CHARITY", "ASSOCIATION",
        "FOUNDATION", "SOCIETY", "PARTNERSHIP", "UNIVERSITY", "COLLEGE", "COUNCIL", "NHS", "GROUP", "HOLDINGS",
    ]

    static func profile(_ rows: [[String]], column: Int) -> Profile {
        var p = Profile()
        var seen = Set<String>()
        for row in rows {
            guard column < row.count else { p.months.append(nil); continue }
            let value = row[column].trimmingCharacters(in: " \t\u{a0}")
            guard !value.isEmpty, !value.uppercased().hasSuffix("N/A") else { p.months.append(nil); continue }
            p.filled += 1
            let date = DateFormat.allCases.lazy.compactMap { $0.isNumeric ? nil : $0.parse(Substring(value)) }.first
            p.months.append(date.map { $0.year * 12 + $0.month })
            if date != nil { p.dates += 1; continue }
            if case .success(let pence) = AmountParser.parse(value) {
                p.amounts += 1
                p.absolutePence &+= abs(pence)
                if value.contains(".") || value.contains("£") { p.pennies += 1 }
                continue
            }
            if seen.insert(value).inserted { p.distinct += 1 }
            let letters = value.unicodeScalars.filter { $0.properties.isAlphabetic }.count
            guard letters >= 2, !SegmentCode.isCode(value) else { continue }
            if value.count > 60 || value.split(separator: " ").count > 8 { p.longText += 1; continue }
            p.names += 1
            if SupplierName.normalise(value).split(separator: " ").contains(where: { organisationWords.contains(String($0)) }) {
                p.legalForms += 1
            }
        }
        return p
    }

    /// Findings for the `missing` fields, from the sample's data rows. Columns already mapped to another field are not
    /// candidates, except that a payee column may be one mapped to an identifier (`VENDOR_ID`) that holds names.
    static func infer(missing: [CanonicalField], headers: [String], rows: [[String]], columns: [String: Int]) -> [Finding] {
        let width = headers.count   // unnamed trailing fields are never candidates
        let profiles = (0..<width).map { profile(rows, column: $0) }
        let mappedToRequired = Set(CanonicalField.required.compactMap { columns[$0.rawValue] })
        let identifierFields = Set([CanonicalField.supplierRef, .transactionRef, .invoiceRef, .costCentre, .body].map(\.rawValue))
        let mapped = Set(columns.values)
        func header(_ i: Int) -> String { headers[i] }
        func free(_ i: Int) -> Bool { !mapped.contains(i) }
        var taken = mappedToRequired
        var findings: [Finding] = []

        func percent(_ x: Double) -> String { "\(Int((x * 100).rounded(.down)))%" }

        if missing.contains(.paidOn) {
            let candidates = (0..<width).filter { free($0) && !taken.contains($0) && profiles[$0].filled >= minimumValues && profiles[$0].share(profiles[$0].dates) >= 0.9 }
                .sorted { profiles[$0].share(profiles[$0].dates) > profiles[$1].share(profiles[$1].dates) }
            if let best = candidates.first {
                let p = profiles[best]
                // Two date columns (invoice and payment dates) are no doubt when they agree on the month.
                let rivals = candidates.dropFirst().filter { other in
                    let pairs = zip(p.months, profiles[other].months).filter { $0.0 != nil && $0.1 != nil }
                    return pairs.isEmpty || Double(pairs.filter { $0.0 == $0.1 }.count) < 0.9 * Double(pairs.count)
                }
                var evidence = "\(percent(p.share(p.dates))) of \(p.filled) values are dates"
                if candidates.count > 1 {
                    evidence += rivals.isEmpty ? "; the other date column(s) give the same month"
                        : "; column(s) \(rivals.map { "\($0 + 1)" }.joined(separator: ", ")) also hold dates, of other months"
                }
                findings.append(Finding(field: .paidOn, column: best, header: header(best), evidence: evidence, strong: rivals.isEmpty))
                taken.insert(best)
            }
        }
        if missing.contains(.amount) {
            let candidates = (0..<width).filter { i in
                let p = profiles[i]
                return free(i) && !taken.contains(i) && p.filled >= minimumValues && p.share(p.amounts) >= 0.95 && p.share(p.pennies) >= 0.2
            }.sorted { profiles[$0].absolutePence > profiles[$1].absolutePence }
            if let best = candidates.first {
                let p = profiles[best]
                var evidence = "\(percent(p.share(p.amounts))) of \(p.filled) values are amounts, \(percent(p.share(p.pennies))) with pence"
                if candidates.count > 1 {
                    evidence += "; the largest of \(candidates.count) amount columns (also \(candidates.dropFirst().map { "\($0 + 1)" }.joined(separator: ", "))): check it is the payment, not VAT or gross"
                }
                findings.append(Finding(field: .amount, column: best, header: header(best), evidence: evidence, strong: candidates.count == 1))
                taken.insert(best)
            }
        }
        if missing.contains(.supplierName) {
            let candidates = (0..<width).filter { i in
                let p = profiles[i]
                let open = free(i) || columns.contains { identifierFields.contains($0.key) && $0.value == i }
                return open && !taken.contains(i) && p.filled >= minimumValues && p.share(p.names) >= 0.9 && p.distinct >= 10
            }.sorted { profiles[$0].share(profiles[$0].legalForms) > profiles[$1].share(profiles[$1].legalForms) }
            if let best = candidates.first {
                let p = profiles[best], legal = p.share(p.legalForms)
                let runnerUp = candidates.dropFirst().first.map { profiles[$0].share(profiles[$0].legalForms) } ?? 0
                let strong = legal >= 0.2 && legal >= 2 * runnerUp
                var evidence = "\(percent(p.share(p.names))) of \(p.filled) values look like organisation names, \(percent(legal)) carry a legal form or body type (Ltd, PLC, Trust, Council…), \(p.distinct) distinct"
                if let other = candidates.dropFirst().first, !strong {
                    evidence += "; column \(other + 1) \"\(DisplayText.clean(String(header(other).prefix(40))))\" holds names too (\(percent(runnerUp)) with a legal form)"
                }
                findings.append(Finding(field: .supplierName, column: best, header: header(best), evidence: evidence, strong: strong))
            }
        }
        return findings
    }
}
