import MarketShapeCore

/// Chooses, from what the columns hold, which column names each market (service, expense type, category,
/// directorate), so reports never name a market by a bare code or by free text:
/// - a mapped column that holds codes (`A61060`, `4`) or is blank gives way to a sibling column of the same stem that
///   holds labels (`Service Code` / `Service Label`, `Expense Code` / `Expense Type`, `Expenditure code` /
///   `Expenditure category`);
/// - a mapped column of a handful of labels gives way to a sibling of the same stem with many more labels, and moves
///   to the field above it when that is free (service → directorate, expense type → category: Harrogate's
///   `Service Label` holds four directorates, its `Service Code` the services);
/// - a column of free text (`Narrative`, `Description`: almost every value different, long) is not a segment.
enum SegmentColumns {
    static let fields: [CanonicalField] = [.service, .expenseType, .category, .directorate]
    /// Where a coarser column goes when a finer sibling takes its field.
    static let parents: [CanonicalField: CanonicalField] = [.service: .directorate, .expenseType: .category]
    /// Header words that say what kind of column of a stem it is.
    static let kindWords = ["label", "name", "description", "desc", "code", "number", "no", "ref", "id", "type", "category", "group"]

    struct Profile {
        var filled = 0, distinct = 0, codeLike = 0, longText = 0
        var isCodes: Bool { filled > 0 && Double(codeLike) >= 0.8 * Double(distinct) }
        var isBlank: Bool { filled == 0 }
        var isFreeText: Bool { filled >= 50 && Double(distinct) > 0.5 * Double(filled) && Double(longText) > 0.3 * Double(distinct) }
        var isLabels: Bool { !isBlank && !isCodes && !isFreeText }
    }


    static func profile(_ records: [[String]], column: Int) -> Profile {
        var p = Profile()
        var seen = Set<String>()
        for r in records where column < r.count {
            let v = r[column].trimmingCharacters(in: " \t\u{a0}")
            guard !v.isEmpty, !v.uppercased().hasSuffix("N/A") else { continue }
            p.filled += 1
            if seen.insert(v).inserted {
                p.distinct += 1
                if SegmentCode.isCode(v) { p.codeLike += 1 }
                if v.count > 40 || v.split(separator: " ").count > 6 { p.longText += 1 }
            }
        }
        return p
    }

    /// The header's stem: its normalised form without a trailing kind word (`servicecode` → `service`).
    static func stem(_ header: String) -> String {
        let h = HeaderName.normalise(header)
        for w in kindWords where h.hasSuffix(w) && h.count > w.count { return String(h.dropLast(w.count)) }
        return h
    }

    /// Refines `columns` (canonical field → column) from the data records; fields set in the pipeline file are kept.
    static func refine(_ columns: inout [String: Int], headers: [String], records: [[String]], fixed: Set<String>, notes: inout [String]) {
        guard !records.isEmpty else { return }
        var profiles: [Int: Profile] = [:]
        func profileOf(_ i: Int) -> Profile {
            if let p = profiles[i] { return p }
            let p = profile(records, column: i)
            profiles[i] = p
            return p
        }
        for field in fields where !fixed.contains(field.rawValue) {
            guard let chosen = columns[field.rawValue] else { continue }
            let taken = Set(columns.values)
            let p = profileOf(chosen)
            let siblings = headers.indices.filter { $0 != chosen && !taken.contains($0) && stem(headers[$0]) == stem(headers[chosen]) }
            if p.isCodes || p.isBlank {
                if let label = siblings.first(where: { profileOf($0).isLabels }) {
                    columns[field.rawValue] = label
                    notes.append("column \(field.rawValue): \"\(headers[chosen])\" holds \(p.isBlank ? "nothing" : "codes"); its label column \"\(headers[label])\" names the markets")
                } else if p.isCodes {
                    notes.append("column \(field.rawValue): \"\(headers[chosen])\" holds codes and the file has no label column for them")
                }
            } else if p.isFreeText {
                columns[field.rawValue] = nil
                notes.append("column \(field.rawValue): \"\(headers[chosen])\" is free text (\(p.distinct) different values in \(p.filled) rows), not a segment: left unmapped")
            } else if p.distinct <= 8, let finer = siblings.first(where: { s in
                let f = profileOf(s)
                return f.isLabels && f.distinct >= 3 * max(p.distinct, 1) && Double(f.distinct) <= 0.2 * Double(f.filled)
            }) {
                columns[field.rawValue] = finer
                notes.append("column \(field.rawValue): \"\(headers[finer])\" (\(profileOf(finer).distinct) labels) names the markets; \"\(headers[chosen])\" has only \(p.distinct)")
                if let parent = parents[field], columns[parent.rawValue] == nil {
                    columns[parent.rawValue] = chosen
                    notes.append("column \(parent.rawValue): \"\(headers[chosen])\", the coarser grouping of \"\(headers[finer])\"")
                }
            }
        }
    }
}
