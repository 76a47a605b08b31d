import Foundation

extension PipelineConfig {
    /// What `validate` and every run warn about before anything runs: nothing here stops a run, but each would leave a
    /// report emptier or less true than the analyst expects. Paths outside the root come first (`outsideRootWarnings`).
    public var warnings: [String] {
        var out = outsideRootWarnings
        if segments.isEmpty {
            out.append("segments: [] measures no market: concentration, thin markets and opportunities need a segment such as [service, expense_type]")
        }
        if let code = body.code, let register = registers.localAuthorities, let text = try? String(contentsOfFile: register, encoding: .utf8),
           // A field of its own, or one of a quoted list (`former-gss-codes`).
           ![",\(code),", "\"\(code),", ",\(code)\"", "\"\(code)\""].contains(where: text.contains) {
            out.append("body.code \(code) is not a GSS code in \(register): check it against the council's entry there (the local rule and public-body matching use it)")
        }
        let r = registers
        for target in targets {
            let needs: String?
            switch target.measure {
            case "local_share" where r.postcodes == nil && local.outwardCodes.isEmpty:
                needs = "supplier postcodes placed in local authorities (registers.postcodes), or local.outward_codes"
            case "sme_share" where r.companiesHouse == nil && r.overrides == nil,
                 "sme_vcse_share" where r.companiesHouse == nil && r.overrides == nil && r.charityCommission == nil:
                needs = "Companies House's accounts categories (registers.companies_house) or an analyst's supplier master (registers.overrides)"
            case "vcse_share" where r.charityCommission == nil && r.charityCompanyLinks == nil && r.cioCompanyLinks == nil && r.fcaMutuals == nil:
                needs = "the charity register or its company links, or the FCA mutuals register (registers.charity_commission, charity_company_links, fca_mutuals)"
            default:
                needs = nil
            }
            if let needs {
                out.append("target \(target.measure): its share is known only from \(needs), which this pipeline does not load; without it the share will have low coverage and the target will read 'unknown'")
            }
        }
        return out
    }
}
