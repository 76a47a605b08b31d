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
    /// Whether it is registered in the UK (`isUK` over its country and place registered; nil: neither says).
    public var isUK: Bool?

    public init(kind: Kind, name: String, ukCompanyNumber: String?, countryRegistered: String?, legalForm: String?, natures: [String], isUK: Bool? = nil) {
        self.kind = kind; self.name = name; self.ukCompanyNumber = ukCompanyNumber
        self.countryRegistered = countryRegistered; self.legalForm = legalForm; self.natures = natures
        self.isUK = isUK ?? (ukCompanyNumber != nil ? true : nil)
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

    /// Whether a corporate PSC's identification places it in the UK. The country decides when it is given: a UK country
    /// (`England`, `England & Wales`, `Scotland`, `United Kingdom`…, as whole words: `New South Wales` is not Wales) is the
    /// UK, anything else is not, even with Companies House as the place (an overseas company registered here). Without a
    /// country, Companies House or a UK registrar as the place is the UK. Jersey, Guernsey and the Isle of Man are not the
    /// UK. Nil when neither field says (the chain stops there: nothing is assumed).
    public static func isUK(countryRegistered: String?, placeRegistered: String?) -> Bool? {
        func words(_ s: String?) -> [String] {
            (s ?? "").uppercased().split { !$0.isLetter }.map(String.init)
        }
        func namesUK(_ w: [String]) -> Bool {
            let joined = " " + w.joined(separator: " ") + " "
            if [["UK"], ["GB"], ["GBR"], ["BRITAIN"], ["U", "K"]].contains(w) { return true }
            if joined.contains(" NEW SOUTH WALES ") || joined.contains(" NEW ENGLAND ") { return false }
            return [" ENGLAND ", " WALES ", " SCOTLAND ", " NORTHERN IRELAND ", " UNITED KINGDOM ", " GREAT BRITAIN "].contains(where: joined.contains)
        }
        let country = words(countryRegistered), place = words(placeRegistered)
        if !country.isEmpty { return namesUK(country) }
        let p = " " + place.joined(separator: " ") + " "
        if p.contains(" COMPANIES HOUSE ") || p.contains(" REGISTRAR OF COMPANIES ") || namesUK(place) { return true }
        return place.isEmpty ? nil : false
    }
}
