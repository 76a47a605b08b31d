/// What a payment is: buying from a market, or money that is not procurement at all (DOMAIN.md "Scope").
/// Shares, concentration, dynamics and opportunities are measured over `market` spend by default; every pound
/// keeps a scope, so the whole spend reconciles across them.
public enum Scope: String, CaseIterable, Sendable, Codable {
    /// Buying goods, works and services from suppliers.
    case market
    /// Payments to other public bodies: councils, combined authorities, police, fire, NHS, government departments,
    /// schools and academy trusts funded by the council; precepts, levies, pooled budgets.
    case publicSector = "public_sector"
    /// Tax, pension and payroll deductions passed on: HMRC, pension funds, unions, credit unions, salary sacrifice.
    case payrollTaxPensions = "payroll_tax_pensions"
    /// Loans, investments, money-market deals, bank charges and interest, capital financing.
    case treasury
    /// Payments to people: redacted personal data, direct payments, carers, allowances, refunds.
    case individuals
    /// Not procurement, and not one of the above (or an analyst said so).
    case unclassified

    /// The scope's place in `allCases`, for array lookups on hot paths.
    public var ordinal: Int {
        switch self {
        case .market: return 0
        case .publicSector: return 1
        case .payrollTaxPensions: return 2
        case .treasury: return 3
        case .individuals: return 4
        case .unclassified: return 5
        }
    }

    /// How reports name the scope.
    public var label: String {
        switch self {
        case .market: return "Market (procurement from suppliers)"
        case .publicSector: return "Other public bodies"
        case .payrollTaxPensions: return "Payroll, tax and pensions"
        case .treasury: return "Treasury (loans, investments, bank)"
        case .individuals: return "Individuals"
        case .unclassified: return "Unclassified"
        }
    }
}

/// An analyst's scope rule from the pipeline file: every condition must hold (glob patterns with `*` and `?`,
/// case-insensitive, on the payee's name or a spending-context column); the first rule that matches decides.
public struct ScopeRule: Sendable, Equatable, Encodable {
    /// Condition fields: `supplier`, `service`, `expense_type`, `category`, `directorate`, `cost_centre`.
    public static let fields = ["supplier", "service", "expense_type", "category", "directorate", "cost_centre"]
    public var conditions: [String: String]
    public var scope: Scope
    /// Where the rule is written, for evidence: `pipelines/x.yml line 14`.
    public var origin: String

    public init(conditions: [String: String], scope: Scope, origin: String) {
        self.conditions = conditions; self.scope = scope; self.origin = origin
    }
}

/// `*` (any run) and `?` (any one character) patterns, case-insensitive, over the whole text (trimmed).
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.uppercased().trimmingSpaces), t = Array(text.uppercased().trimmingSpaces)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) { pi += 1; ti += 1 }
            else if pi < p.count && p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
