import MarketShapeCore
import Registers

/// A company's chain of majority controllers up the PSC register to its ultimate owner: at each step the corporate PSC
/// (or legal person) that holds more than half of it, until a company with no such controller (its owners are people,
/// or nobody is named), a controller registered outside the UK, a legal person, a cycle or the depth guard.
public struct OwnerChain: Sendable, Equatable {
    /// One step: `company` is controlled by `controller`; `alternatives` other majority controllers were recorded.
    public struct Link: Sendable, Equatable {
        public var company: String
        public var controller: PSCControl
        public var alternatives: Int
    }

    /// Where the chain ends: the ultimate owner that groups the companies below it.
    public enum Top: Sendable, Equatable {
        /// A UK company with no corporate controller holding a majority.
        case company(String)
        /// A corporate controller registered outside the UK (`country` as written; nil when the PSC does not say).
        case overseas(name: String, country: String?)
        /// A legal person (a council, a government department, a trust…).
        case legalPerson(name: String, legalForm: String?)
        /// A UK-registered corporate controller whose registration number is not a valid company number.
        case unnumbered(name: String)
    }

    /// Why the chain stopped where it did.
    public enum Stop: String, Sendable {
        case noMajorityController = "no corporate PSC holds a majority"
        case outsideUK = "the controller is registered outside the UK"
        case legalPerson = "the controller is a legal person, not a company"
        case noCompanyNumber = "the controller's registration number is not a UK company number"
        case cycle = "the chain returns to a company already in it (a cycle)"
        case depthGuard = "the depth guard (10 steps) was reached"
        case employeeOwnershipTrust = "an employee ownership trust holds it for its employees"
    }

    public var links: [Link]
    public var top: Top
    public var stop: Stop

    public static let maxDepth = 10

    /// Follows `company` up through `controllers` (the majority controllers the PSC register records for a company).
    public static func follow(from company: String, controllers: (String) throws -> [PSCControl]) rethrows -> OwnerChain {
        var links: [Link] = [], visited: Set<String> = [company], current = company
        while true {
            if links.count == maxDepth { return OwnerChain(links: links, top: .company(current), stop: .depthGuard) }
            let found = try controllers(current)
            guard let pick = choose(found) else { return OwnerChain(links: links, top: .company(current), stop: .noMajorityController) }
            let link = Link(company: current, controller: pick, alternatives: found.count - 1)
            if isEmployeeOwnershipTrust(pick.name) {
                return OwnerChain(links: links + [link], top: .company(current), stop: .employeeOwnershipTrust)
            }
            switch pick.kind {
            case .legalPerson:
                return OwnerChain(links: links + [link], top: .legalPerson(name: pick.name, legalForm: pick.legalForm), stop: .legalPerson)
            case .corporate:
                guard let next = pick.ukCompanyNumber else {
                    // Registered outside the UK, or in the UK without a valid number, or nobody says where (not assumed UK).
                    return pick.isUK == true
                        ? OwnerChain(links: links + [link], top: .unnumbered(name: pick.name), stop: .noCompanyNumber)
                        : OwnerChain(links: links + [link], top: .overseas(name: pick.name, country: pick.countryRegistered), stop: .outsideUK)
                }
                if visited.contains(next) {
                    // Every company of the loop has the same top, the lowest number in it, from wherever the chain entered.
                    let path = [company] + links.compactMap(\.controller.ukCompanyNumber)
                    let loop = path.drop { $0 != next }
                    return OwnerChain(links: links + [link], top: .company(loop.min() ?? current), stop: .cycle)
                }
                links.append(link); visited.insert(next); current = next
            }
        }
    }

    /// The controller a step follows when the register names more than one with a majority: shares before votes before
    /// the right to appoint the board, then by company number and name, so the choice never depends on file order.
    static func choose(_ controllers: [PSCControl]) -> PSCControl? {
        func rank(_ c: PSCControl) -> Int {
            if c.natures.contains(where: { $0.hasPrefix("ownership-of-shares") || $0.hasPrefix("right-to-share-surplus-assets") }) { return 0 }
            if c.natures.contains(where: { $0.hasPrefix("voting-rights") }) { return 1 }
            return 2
        }
        return controllers.min { (rank($0), $0.ukCompanyNumber ?? "~", $0.name) < (rank($1), $1.ukCompanyNumber ?? "~", $1.name) }
    }

    /// The owner group's key: `GB-COH-…` for a UK company at the top, else the top controller's kind and name.
    public var groupKey: String {
        switch top {
        case .company(let number): return "GB-COH-\(number)"
        // By name alone: one parent's country is written several ways (`Luxembourg`, `Grand Duchy of Luxembourg`).
        case .overseas(let name, _): return "overseas:\(SupplierName.normalise(name))"
        case .legalPerson(let name, _): return "legal-person:\(SupplierName.normalise(name))"
        case .unnumbered(let name): return "psc:\(SupplierName.normalise(name))"
        }
    }

    /// The owner group's name for reports: the top company's registered name (or the name its subsidiary's PSC entry
    /// gives it), or the top controller's name with its country or legal form.
    public func groupName(registeredName: (String) -> String?) -> String {
        switch top {
        case .company(let number):
            // The name the PSC entry of a company it controls gives it, when no register has it.
            return registeredName(number) ?? links.last { $0.controller.ukCompanyNumber == number }?.controller.name ?? "company \(number)"
        case .overseas(let name, let country): return "\(name) (\(country ?? "country not stated"))"
        case .legalPerson(let name, let form): return form.map { "\(name) (\($0))" } ?? name
        case .unnumbered(let name): return name
        }
    }

    /// The chain in words, for evidence: `01234567 ← ACME HOLDINGS LTD (02345678; ownership-of-shares-75-to-100-percent) ← …`.
    public var described: String {
        guard !links.isEmpty else { return "no corporate PSC holds a majority of it: its own group" }
        let steps = links.map { link -> String in
            let c = link.controller
            let id = c.ukCompanyNumber ?? [c.countryRegistered, c.legalForm].compactMap { $0 }.joined(separator: ", ")
            let more = link.alternatives > 0 ? "; \(link.alternatives) other majority controller\(link.alternatives == 1 ? "" : "s") recorded" : ""
            return "controlled by \(c.name) (\(id.isEmpty ? "registration not stated" : id); \(c.natures.joined(separator: ", "))\(more))"
        }
        return "company \(links[0].company) " + steps.joined(separator: ", ") + "; the chain stops: \(stop.rawValue)"
    }

    /// The controllers' names, nearest first.
    public var controllerNames: [String] { links.map(\.controller.name) }

    /// A controller named as an employee ownership trust or its trustee company (`… EOT Trustee Ltd`, `… Employee
    /// Ownership Trust`): the company is employee-owned.
    public var employeeOwnershipTrust: String? {
        controllerNames.first(where: Self.isEmployeeOwnershipTrust)
    }

    /// The name of an employee ownership trust or its trustee company.
    public static func isEmployeeOwnershipTrust(_ name: String) -> Bool {
        let n = " " + SupplierName.normalise(name) + " "
        return n.contains(" EMPLOYEE OWNERSHIP ") || n.contains(" EOT ") || n.contains(" EMPLOYEE OWNED TRUST")
    }

    /// True when the top is another organisation than the company itself: it has a corporate parent (an employee
    /// ownership trust holding it is not one: it holds the company for its employees).
    public var hasParent: Bool {
        guard let start = links.first?.company else { return false }
        return top != .company(start)
    }
}
