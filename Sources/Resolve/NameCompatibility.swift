import MarketShapeCore

/// Whether two payee names can be one organisation: the test an identifier must pass before it links them.
///
/// Two normalised names are compatible when they are equal, or share a *distinctive* word: a word that is not a
/// legal form, a connective or a generic trade word (`SERVICES`, `CARE`, `HOMES`…) and that is not common among
/// the names of this body's payees (in more than `commonShare` of them, and at least `commonFloor`). Trading names
/// need no rule of their own: `SMITH J T/A SMITH PLUMBING` shares a word with `SMITH J` and with `SMITH PLUMBING`.
public struct NameCompatibility: Sendable {
    /// Words that never make two names one organisation.
    static let generic: Set<Substring> = [
        "LTD", "LIMITED", "PLC", "LLP", "LP", "CIC", "CIO", "CO", "COMPANY", "CORPORATION", "CORP", "INC", "AND", "THE", "OF",
        "FOR", "IN", "AT", "ON", "TO", "BY", "A", "T", "TA", "AS", "TRADING", "UK", "GB", "BRITISH", "ENGLAND", "GROUP",
        "HOLDINGS", "INTERNATIONAL", "SERVICES", "SERVICE", "SOLUTIONS", "SYSTEMS", "SUPPLIES", "SUPPLY", "MANAGEMENT",
        "CONSULTING", "CONSULTANCY", "CONSULTANTS", "ASSOCIATES", "PARTNERS", "PARTNERSHIP", "ENTERPRISES", "ENTERPRISE",
        "CARE", "HOME", "HOMES", "HEALTHCARE", "HEALTH", "SUPPORT", "SUPPORTED", "LIVING", "HOUSING", "TRUST", "CHARITY",
        "CHARITABLE", "FOUNDATION", "ASSOCIATION", "SOCIETY", "CLUB", "CENTRE", "CENTER", "COMMUNITY", "COUNCIL", "BOROUGH",
        "COUNTY", "CITY", "DISTRICT", "TOWN", "PARISH", "METROPOLITAN", "NATIONAL", "REGIONAL", "LOCAL", "NORTH", "SOUTH",
        "EAST", "WEST", "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "CENTRAL", "NEW", "ST", "SAINT", "MR", "MRS", "MS",
        "MISS", "DR", "SCHOOL", "SCHOOLS", "ACADEMY", "COLLEGE", "NURSERY", "PRIMARY", "HIGH", "JUNIOR", "INFANT", "INFANTS",
        "GRAMMAR", "SECONDARY", "CATHOLIC", "CE", "RC", "VA", "VC", "CHURCH", "UNITED", "GENERAL",
        "CONTRACTORS", "CONTRACTING", "CONSTRUCTION", "BUILDING", "BUILDERS", "ENGINEERING", "TRANSPORT", "TRAVEL", "TAXIS",
        "TAXI", "CARS", "HIRE", "PROPERTY", "PROPERTIES", "ESTATES", "DEVELOPMENTS", "FACILITIES", "CLEANING", "SECURITY",
        "ENERGY", "POWER", "TECHNOLOGY", "TECHNOLOGIES", "DIGITAL", "MEDIA", "PRINT", "PRINTING", "DESIGN", "TRAINING",
        "EDUCATION", "LEARNING", "RECRUITMENT", "PERSONNEL", "STAFFING", "AGENCY", "FAMILY", "FAMILIES", "CHILDREN",
        "CHILDRENS", "YOUTH", "PEOPLE", "LIFE", "PROJECT", "PROJECTS", "SCHEME", "FUND", "OFFICE", "DEPARTMENT", "LEGAL",
        "SOLICITORS", "LAW", "FINANCE", "FINANCIAL", "INSURANCE", "BANK", "SUPERSTORES", "STORES", "SHOP", "RETAIL",
        "WHOLESALE", "FOODS", "FOOD", "CATERING", "GARAGE", "MOTORS", "AUTO", "SALES", "MEDICAL", "DENTAL", "PHARMACY",
        "ARTS", "SPORTS", "SPORT", "LEISURE", "PURCHASE", "CARD", "SUPPLIER", "SUNDRY", "VARIOUS", "ONE", "OFF", "PAYMENT",
        "PAYMENTS", "REFUND", "ACCOUNT",
    ]

    /// A word in more than this share of the payees' names (and at least `commonFloor` of them) is not distinctive.
    public static let commonShare = 0.01
    public static let commonFloor = 25

    /// Words common among this body's payee names.
    let common: Set<Substring>

    /// Counts the words of `names` (normalised, each distinct name once) to find the common ones.
    public init<S: Sequence>(names: S) where S.Element == String {
        var frequency: [Substring: Int] = [:]
        var count = 0
        for name in Set(names) {
            count += 1
            for word in Set(name.split(separator: " ")) { frequency[word, default: 0] += 1 }
        }
        let limit = max(Self.commonFloor, Int(Double(count) * Self.commonShare))
        common = Set(frequency.filter { $0.value > limit }.keys.map { Substring(String($0)) })
    }

    /// The distinctive words of a normalised name.
    public func distinctive(_ normalised: String) -> Set<Substring> {
        let words = normalised.split(separator: " ")
        var out = Set(words.filter { word in
            !Self.generic.contains(word) && !common.contains(word) && (word.count >= 2 || word.first?.isNumber == true)
        })
        // Single letters written apart are one word (`D W F LAW` → `DWF`).
        for run in Self.letterRuns(words) where !Self.generic.contains(Substring(run)) && !common.contains(Substring(run)) { out.insert(Substring(run)) }
        return out
    }

    /// True when the two normalised names may be one organisation.
    public func compatible(_ a: String, _ b: String) -> Bool {
        if a == b { return !a.isEmpty }
        if !distinctive(a).isDisjoint(with: distinctive(b)) { return true }
        let coreA = Self.core(a), coreB = Self.core(b)
        if !coreA.isEmpty && coreA == coreB { return true }
        // Two consecutive words in common, one of them a word of two letters or more that is not generic, however common
        // among the payees (`EAST DEVON …`).
        if !Self.wordPairs(coreA).isDisjoint(with: Self.wordPairs(coreB)) { return true }
        // An acronym of the other's words (`FWAG` ← `FARMING AND WILDLIFE ADVISORY GROUP`, `BT` ← `BRITISH TELECOM`).
        return Self.acronyms(coreA).contains { Self.initials(coreB).contains($0) } || Self.acronyms(coreB).contains { Self.initials(coreA).contains($0) }
    }

    static func wordPairs(_ words: [Substring]) -> Set<String> {
        guard words.count >= 2 else { return [] }
        func telling(_ w: Substring) -> Bool { w.count >= 2 && !generic.contains(w) }
        return Set((0..<words.count - 1).filter { telling(words[$0]) || telling(words[$0 + 1]) }.map { "\(words[$0]) \(words[$0 + 1])" })
    }

    /// Words that may be acronyms (2–6 letters), and runs of single letters joined (`F W A G` → `FWAG`).
    static func acronyms(_ words: [Substring]) -> Set<String> {
        letterRuns(words).union(words.filter { (2...6).contains($0.count) && $0.allSatisfy(\.isLetter) && !generic.contains($0) }.map(String.init))
    }

    /// Runs of two or more single letters, joined (`F W A G` → `FWAG`). A run does not start with the `S` of a
    /// possessive (`ST MARY S C OF E`) nor hold the `T A` of "trading as".
    static func letterRuns(_ words: [Substring]) -> Set<String> {
        var out = Set<String>(), run = ""
        for (i, w) in words.enumerated() {
            let possessive = w == "S" && run.isEmpty && i > 0 && words[i - 1].count > 1
            let tradingAs = w == "T" && i + 1 < words.count && words[i + 1] == "A"
            if w.count == 1, w.first!.isLetter, !possessive, !tradingAs, !(w == "A" && run == "T") { run += w; continue }
            if run.count >= 2 { out.insert(run) }
            run = ""
        }
        if run.count >= 2 { out.insert(run) }
        return out
    }

    /// The initials of every run of two or more consecutive words, connectives skipped.
    static func initials(_ words: [Substring]) -> Set<String> {
        let letters = words.filter { !["AND", "OF", "THE", "FOR"].contains($0) }.compactMap(\.first)
        var out = Set<String>()
        for start in letters.indices { for end in (start + 1)..<min(letters.count, start + 6) { out.insert(String(letters[start...end])) } }
        return out
    }

    /// The name without legal-form words (`CARE UK LTD` → `CARE UK`).
    static func core(_ normalised: String) -> [Substring] {
        normalised.split(separator: " ").filter { !NameSimilarity.isNoise($0) }
    }

    /// Groups names into sets that are connected by compatibility (each name's index into `names`): every pair is
    /// tested when there are few names (an identifier's), shared distinctive words and cores when there are many.
    func groups(_ names: [String]) -> [[Int]] {
        let words = names.map(distinctive)
        var parent = Array(names.indices)
        func find(_ i: Int) -> Int { var i = i; while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }; return i }
        if names.count <= 40 {
            for i in names.indices { for j in names.indices where j > i && find(i) != find(j) && compatible(names[i], names[j]) { parent[find(i)] = find(j) } }
            return Dictionary(grouping: names.indices, by: find).values.map { $0.sorted() }.sorted { ($0.count, $1[0]) > ($1.count, $0[0]) }
        }
        var owner: [Substring: Int] = [:]
        var byCore: [[Substring]: Int] = [:]
        for (i, name) in names.enumerated() {
            let core = Self.core(name)
            if !core.isEmpty { if let j = byCore[core] { parent[find(i)] = find(j) } else { byCore[core] = i } }
            for w in words[i] {
                if let j = owner[w] { parent[find(i)] = find(j) } else { owner[w] = i }
            }
        }
        return Dictionary(grouping: names.indices, by: find).values.map { $0.sorted() }.sorted { ($0.count, $1[0]) > ($1.count, $0[0]) }
    }

    /// A value shared by payees whose names have nothing distinctive in common is a placeholder, not an identifier:
    /// at least `placeholderNames` distinct names, falling into at least three unconnected groups, none holding half of them.
    public static let placeholderNames = 3

    /// True when the distinct normalised names sharing one identifier value say it is a placeholder.
    public func isPlaceholder(sharedBy names: [String]) -> Bool {
        let distinct = Array(Set(names))
        guard distinct.count >= Self.placeholderNames else { return false }
        let g = groups(distinct)
        return g.count >= 3 && Double(g[0].count) < 0.5 * Double(distinct.count)
    }
}
