import MarketShapeCore

/// One controller of a company as the PSC register records it, kept when it is a corporate entity or a legal person
/// with majority control: the links an ownership chain is followed along.
public struct PSCControl: Sendable, Equatable {
    public enum Kind: String, Sendable { case corporate, legalPerson = "legal-person" }
    public var kind: Kind
    public var name: String
    /// Its Companies House number, when it is registered in the UK with a valid number (the chain goes on from there).
    public var ukCompanyNumber: String?
    /// Where it is registered, as written (`England`, `Luxembourg`, `Jersey`…).
    public var countryRegistered: String?
    /// Its legal form, as written (`Private Limited Company`, `Local Authority`…).
    public var legalForm: String?
    /// The natures of control that make it a majority controller.
    public var natures: [String]

    public init(kind: Kind, name: String, ukCompanyNumber: String?, countryRegistered: String?, legalForm: String?, natures: [String]) {
        self.kind = kind; self.name = name; self.ukCompanyNumber = ukCompanyNumber
        self.countryRegistered = countryRegistered; self.legalForm = legalForm; self.natures = natures
    }

    /// The natures of control that give more than half: more than 50% of the shares, votes or surplus assets (directly,
    /// as a trust or as a firm, or in an LLP), or the right to appoint and remove a majority of the board or members.
    /// 25–50%, significant influence, the `part-right…` natures and the overseas-entity natures do not.
    public static func majorityNatures(_ natures: [String]) -> [String] {
        natures.filter { n in
            if n.hasPrefix("part-") || n.contains("registered-overseas-entity") { return false }
            if n.hasPrefix("right-to-appoint-and-remove-directors") || n.hasPrefix("right-to-appoint-and-remove-members") { return true }
            let share = n.hasPrefix("ownership-of-shares") || n.hasPrefix("voting-rights") || n.hasPrefix("right-to-share-surplus-assets")
            return share && (n.contains("75-to-100-percent") || n.contains("more-than-50-percent") || n.contains("50-to-75-percent"))
        }
    }

    /// Whether a corporate PSC's identification places it in the UK: Companies House as the place registered, or a UK
    /// country (`England`, `England & Wales`, `Scotland`, `United Kingdom`…). Jersey, Guernsey and the Isle of Man are not
    /// the UK. Nil when neither field says (the chain stops there: nothing is assumed).
    public static func isUK(countryRegistered: String?, placeRegistered: String?) -> Bool? {
        let place = (placeRegistered ?? "").uppercased(), country = (countryRegistered ?? "").uppercased()
        let letters = country.filter(\.isLetter)
        if place.contains("COMPANIES HOUSE") || place.contains("REGISTRAR OF COMPANIES FOR ENGLAND") || place.contains("REGISTRAR OF COMPANIES FOR SCOTLAND")
            || place.contains("REGISTRAR OF COMPANIES FOR NORTHERN IRELAND") { return true }
        if letters.isEmpty && place.filter(\.isLetter).isEmpty { return nil }
        let ukWords = ["ENGLAND", "WALES", "SCOTLAND", "NORTHERNIRELAND", "UNITEDKINGDOM", "GREATBRITAIN"]
        if ["UK", "GB", "GBR", "BRITAIN"].contains(letters) || ukWords.contains(where: letters.contains) { return true }
        if letters.isEmpty { return ukWords.contains(where: place.filter(\.isLetter).contains) ? true : nil }
        return false
    }
}
