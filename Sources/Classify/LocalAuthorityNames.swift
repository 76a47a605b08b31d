import MarketShapeCore

/// Recognises UK local authorities (councils and combined authorities) in payee names, through every name the
/// local-authority register knows and the abbreviations councils write: `LB Camden`, `L B Southwark`, `RB Kingston`,
/// `Calderdale MBC`, `Bradford MDC`, `Kent CC`, `East Devon DC`, `Council of the City of Wakefield`,
/// `City & County of Swansea`, `West Yorkshire CA`, truncated `… District Coun`.
///
/// A name is an authority when it equals a register name, or when it is a register *place* (a name with the
/// authority words taken off, `CAMDEN`) with an authority form around it: a prefix (`LONDON BOROUGH OF`, `LB`,
/// `CITY OF`…) or the place followed by authority words and a council word (`… CITY COUNCIL`, `… MBC`). Words after
/// the council word (`FINANCE`, `(S O ACCOUNT)`) are ignored. `Kent Refugee Council` is not an authority: the words
/// before `COUNCIL` are not a place.
public struct LocalAuthorityNames: Sendable {
    /// A register entry: code, official name, and the authority type (`LBO`, `MD`, `COMB`…).
    public struct Authority: Sendable, Equatable {
        public var code: String, name: String, type: String
        public init(code: String, name: String, type: String) { self.code = code; self.name = name; self.type = type }
    }

    private var exact: [String: Authority] = [:]
    private var places: [String: Authority] = [:]
    /// Authorities by the initials of their official name (`KCC`, `WDBC`), kept only where one authority has them.
    private var initials: [String: Authority] = [:]

    /// Words that end an authority's name (the council word and its abbreviations).
    static let councilWords: Set<Substring> = ["COUNCIL", "COUNCILS", "COUN", "COUNC", "COUNCI", "CNCL", "CNL", "MBC", "MDC", "CC", "DC", "BC",
                                               "CBC", "RBC", "UA", "AUTHORITY", "CA"]
    /// Authority words between the place and the council word.
    static let typeWords: Set<Substring> = ["CITY", "COUNTY", "BOROUGH", "DISTRICT", "METROPOLITAN", "MET", "ROYAL", "COMBINED", "UNITARY",
                                            "AND", "OF", "THE"]
    /// The words an abbreviated council word stands for; the authority's official name must hold one of them.
    static let abbreviations: [Substring: [Substring]] = ["CC": ["COUNTY", "CITY"], "DC": ["DISTRICT"], "BC": ["BOROUGH"],
                                                          "MBC": ["METROPOLITAN", "BOROUGH"], "MDC": ["METROPOLITAN", "DISTRICT"],
                                                          "CBC": ["BOROUGH"], "RBC": ["BOROUGH"], "CA": ["COMBINED"]]

    /// True when an abbreviated council word can stand for the authority: its official name holds a word it stands for,
    /// or its type is the one the abbreviation names (metropolitan districts for `MBC`/`MDC`, combined authorities for `CA`).
    static func fits(_ abbreviation: Substring, _ a: Authority) -> Bool {
        if ["MBC", "MDC"].contains(abbreviation) && a.type == "MD" { return true }
        if abbreviation == "CA" && a.type == "COMB" { return true }
        if abbreviation == "CC" && a.type == "CTY" { return true }
        let words = SupplierName.normalise(a.name).split(separator: " ")
        return abbreviations[abbreviation]!.contains { words.contains($0) }
    }

    /// Words that make a council-like name an organisation of another kind.
    static let notAuthority: Set<Substring> = ["LTD", "LIMITED", "PLC", "LLP", "CIC", "CIO", "CLUB", "WELFARE", "EMPLOYEES", "STAFF", "SOCIAL",
                                               "SPORTS", "ASSOCIATION", "UNION", "FEDERATION", "VOLUNTARY", "CHARITY", "CHARITABLE", "FRIENDS",
                                               "MOSQUES", "CHURCHES", "FAITHS", "SOCIETY", "BENEVOLENT", "FUND"]

    /// Prefixes before the place, longest first.
    static let prefixes: [[Substring]] = [["COUNCIL", "OF", "THE", "CITY", "OF"], ["COUNCIL", "OF", "THE", "ROYAL", "BOROUGH", "OF"],
                                          ["COUNCIL", "OF", "THE", "BOROUGH", "OF"], ["THE", "COUNCIL", "OF", "THE"], ["CITY", "AND", "COUNTY", "OF"],
                                          ["LONDON", "BOROUGH", "OF"], ["ROYAL", "BOROUGH", "OF"], ["METROPOLITAN", "BOROUGH", "OF"],
                                          ["BOROUGH", "COUNCIL", "OF"], ["CITY", "COUNCIL", "OF"], ["COUNTY", "COUNCIL", "OF"], ["BOROUGH", "OF"],
                                          ["CITY", "OF"], ["COUNTY", "OF"], ["L", "B", "OF"], ["L", "B"], ["LB", "OF"], ["LB"], ["LBO"], ["R", "B"], ["RB"],
                                          ["RBK"]]

    /// Builds the lookups from register entries and every name each is known by.
    public init(authorities: [Authority], names: [(name: String, code: String)]) {
        let byCode = Dictionary(authorities.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for (name, code) in names {
            guard let a = byCode[code] else { continue }
            let n = SupplierName.normalise(name)
            guard !n.isEmpty else { continue }
            if exact[n] == nil { exact[n] = a }
            if let place = Self.place(Self.words(n), requireForm: false), places[place] == nil { places[place] = a }
        }
        var byInitials: [String: [Authority]] = [:]
        for a in authorities {
            if let i = Self.initials(of: a.name), !(byInitials[i]?.contains { $0.code == a.code } ?? false) { byInitials[i, default: []].append(a) }
        }
        initials = byInitials.compactMapValues { $0.count == 1 ? $0[0] : nil }
    }

    /// The initials a council's official name is written as (`Kent County Council` → `KCC`, `City of Bradford
    /// Metropolitan District Council` → `CBMDC`): the first letter of each word but `and`, `of` and `the`. Only for a
    /// name ending in `County`, `City`, `Borough` or `District Council`: `East Lothian Council` would be `ELC`, which
    /// names shops and nurseries as often.
    static func initials(of name: String) -> String? {
        let w = words(SupplierName.normalise(name)).filter { !["AND", "OF", "THE"].contains($0) }
        guard w.count >= 3, w.last == "COUNCIL", ["COUNTY", "CITY", "BOROUGH", "DISTRICT"].contains(w[w.count - 2]) else { return nil }
        return String(w.compactMap(\.first))
    }

    static func words(_ normalised: String) -> [Substring] { normalised.split(separator: " ") }

    /// The place in a name with its authority form taken off; nil when `requireForm` and the name has no authority form.
    static func place(_ words: [Substring], requireForm: Bool) -> String? {
        var w = words[...]
        var hasForm = false
        if let p = prefixes.first(where: { w.starts(with: $0) && w.count > $0.count }) { w = w.dropFirst(p.count); hasForm = true }
        if let i = w.firstIndex(where: { councilWords.contains($0) }), i > w.startIndex {
            // `COMBINED AUTHORITY`, `… COUNCIL`, `… MBC`: the words after it are an account's name, not the place's.
            w = w[..<i]
            hasForm = true
            while let last = w.last, typeWords.contains(last), w.count > 1 { w = w.dropLast() }
        } else if hasForm {
            // `City of Bradford Metropolitan District`: a prefix, then the authority's type words without a council word.
            while let last = w.last, typeWords.contains(last), w.count > 1 { w = w.dropLast() }
        }
        if requireForm && !hasForm { return nil }
        return w.isEmpty ? nil : w.joined(separator: " ")
    }

    /// The authority a normalised payee name is, and how it was recognised.
    public func match(_ normalised: String) -> (authority: Authority, how: String)? {
        let w = Self.words(normalised)
        // `Birmingham Council of Mosques`, `… Council for Voluntary Service`, `… Council Employees' Welfare Club Ltd`: an
        // organisation named after a council, not the council.
        if w.contains(where: Self.notAuthority.contains) { return nil }
        if let a = exact[normalised] { return (a, "name \"\(normalised)\" is in the local-authority register") }
        // `KCC`, `WDBC` written alone: the initials of one council's official name, and of no other in the register.
        if let a = initials[normalised] { return (a, "\"\(normalised)\" is the initials of \(a.name), the only authority in the register with them") }
        if let i = w.firstIndex(where: { Self.councilWords.contains($0) }), i > 0, i + 1 < w.count, ["OF", "FOR", "ON"].contains(w[i + 1]) { return nil }
        guard let place = Self.place(w, requireForm: true) else { return nil }
        guard let a = places[place] else { return nil }
        // An abbreviation must fit the authority: `Harrogate CC` is a cricket club, not Harrogate Borough Council.
        if let abbreviation = w.first(where: { Self.abbreviations[$0] != nil }), !Self.fits(abbreviation, a) { return nil }
        return (a, "\"\(place)\" with an authority form is \(a.name) in the local-authority register")
    }

    public var isEmpty: Bool { exact.isEmpty }
}
