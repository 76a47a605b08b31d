/// The warehouse schema, as append-only named migrations. Table names carry their layer
/// (`stg_`, `dim_`, `fct_`, `mart_`); column names carry their unit (`_pence`, `_share`, `_count`).
public enum Schema {
    public static let migrations: [Migration] = [
        Migration("0001_runs_ledger", """
            CREATE TABLE runs (
              run_id INTEGER PRIMARY KEY,
              pipeline TEXT NOT NULL,
              command TEXT NOT NULL,
              started_at TEXT NOT NULL,
              finished_at TEXT,
              status TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','data_quality')),
              exit_code INTEGER,
              message TEXT
            );
            CREATE TABLE run_stages (
              run_id INTEGER NOT NULL REFERENCES runs(run_id),
              stage TEXT NOT NULL,
              started_at TEXT NOT NULL,
              finished_at TEXT,
              status TEXT NOT NULL,
              rows_count INTEGER,
              total_pence INTEGER,
              message TEXT,
              PRIMARY KEY (run_id, stage)
            );
            CREATE TABLE run_inputs (
              run_id INTEGER NOT NULL REFERENCES runs(run_id),
              path TEXT NOT NULL,
              sha256 TEXT NOT NULL,
              bytes_count INTEGER NOT NULL,
              action TEXT NOT NULL,
              read_count INTEGER NOT NULL,
              loaded_count INTEGER NOT NULL,
              set_aside_count INTEGER NOT NULL,
              loaded_pence INTEGER NOT NULL,
              set_aside_pence INTEGER NOT NULL
            );
            CREATE TABLE run_tests (
              run_id INTEGER NOT NULL REFERENCES runs(run_id),
              stage TEXT NOT NULL,
              test TEXT NOT NULL,
              passed INTEGER NOT NULL,
              detail TEXT
            );
            """),
        Migration("0002_staging", """
            CREATE TABLE source_files (
              file_id INTEGER PRIMARY KEY,
              path TEXT NOT NULL,
              file_name TEXT NOT NULL,
              sha256 TEXT NOT NULL,
              bytes_count INTEGER NOT NULL,
              loaded_at TEXT NOT NULL,
              run_id INTEGER,
              config_json TEXT NOT NULL,
              period_month TEXT,
              first_paid_on TEXT,
              last_paid_on TEXT,
              read_count INTEGER NOT NULL,
              loaded_count INTEGER NOT NULL,
              set_aside_count INTEGER NOT NULL,
              read_pence INTEGER NOT NULL,
              loaded_pence INTEGER NOT NULL,
              set_aside_pence INTEGER NOT NULL,
              set_aside_unpriced_count INTEGER NOT NULL,
              preamble_lines_count INTEGER NOT NULL,
              blank_lines_count INTEGER NOT NULL,
              is_current INTEGER NOT NULL DEFAULT 1,
              replaced_by_file_id INTEGER REFERENCES source_files(file_id)
            );
            CREATE TABLE stg_payments (
              file_id INTEGER NOT NULL REFERENCES source_files(file_id),
              line_no INTEGER NOT NULL,
              body TEXT,
              body_name TEXT,
              paid_on TEXT NOT NULL,
              period_month TEXT NOT NULL,
              amount_pence INTEGER NOT NULL,
              supplier_name TEXT,
              is_redacted INTEGER NOT NULL,
              redaction_label TEXT,
              supplier_ref TEXT,
              company_number TEXT,
              charity_number TEXT,
              vat_number TEXT,
              supplier_postcode TEXT,
              directorate TEXT,
              service TEXT,
              expense_type TEXT,
              cost_centre TEXT,
              category TEXT,
              transaction_ref TEXT,
              invoice_ref TEXT,
              is_purchase_card INTEGER,
              capital_revenue TEXT,
              council_vcse_flag INTEGER,
              creditor_type TEXT,
              vat_basis TEXT NOT NULL
            );
            CREATE UNIQUE INDEX stg_payments_line ON stg_payments(file_id, line_no);
            CREATE TABLE stg_rejects (
              file_id INTEGER NOT NULL REFERENCES source_files(file_id),
              line_no INTEGER NOT NULL,
              column_no INTEGER,
              reason_code TEXT NOT NULL,
              message TEXT NOT NULL,
              amount_pence INTEGER,
              raw_record TEXT NOT NULL
            );
            CREATE UNIQUE INDEX stg_rejects_line ON stg_rejects(file_id, line_no);
            """),
        Migration("0003_suppliers_and_facts", """
            CREATE TABLE dim_suppliers (
              supplier_key INTEGER PRIMARY KEY,
              supplier_id TEXT NOT NULL UNIQUE,
              display_name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              supplier_ref TEXT,
              company_number TEXT,
              charity_number TEXT,
              vat_number TEXT,
              postcode TEXT,
              resolution_method TEXT NOT NULL,
              resolution_score REAL,
              is_local INTEGER,
              is_sme INTEGER,
              is_sme_proxy INTEGER NOT NULL DEFAULT 0,
              is_vcse INTEGER,
              is_public_body INTEGER,
              ownership TEXT NOT NULL DEFAULT 'unknown',
              payments_count INTEGER NOT NULL DEFAULT 0,
              spend_pence INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE supplier_evidence (
              supplier_key INTEGER NOT NULL REFERENCES dim_suppliers(supplier_key),
              classification TEXT NOT NULL,
              value TEXT NOT NULL,
              source TEXT NOT NULL,
              detail TEXT NOT NULL
            );
            CREATE INDEX supplier_evidence_key ON supplier_evidence(supplier_key);
            CREATE TABLE fct_payments (
              payment_id INTEGER PRIMARY KEY,
              file_id INTEGER NOT NULL REFERENCES source_files(file_id),
              line_no INTEGER NOT NULL,
              paid_on TEXT NOT NULL,
              period_month TEXT NOT NULL,
              amount_pence INTEGER NOT NULL,
              supplier_key INTEGER REFERENCES dim_suppliers(supplier_key),
              is_redacted INTEGER NOT NULL,
              is_purchase_card INTEGER,
              directorate TEXT,
              service TEXT,
              expense_type TEXT,
              cost_centre TEXT,
              category TEXT,
              capital_revenue TEXT
            );
            """),
        Migration("0004_places_and_marts", """
            CREATE TABLE map_places (
              match_column TEXT NOT NULL,
              match_value TEXT NOT NULL,
              place_level TEXT NOT NULL,
              place_name TEXT NOT NULL
            );
            CREATE TABLE mart_spend (
              period_kind TEXT NOT NULL,
              period TEXT NOT NULL,
              segment_kind TEXT NOT NULL,
              segment TEXT NOT NULL,
              total_pence INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              suppliers_count INTEGER NOT NULL,
              redacted_pence INTEGER NOT NULL,
              purchase_card_pence INTEGER NOT NULL,
              local_known_pence INTEGER NOT NULL,
              local_pence INTEGER NOT NULL,
              sme_known_pence INTEGER NOT NULL,
              sme_pence INTEGER NOT NULL,
              vcse_known_pence INTEGER NOT NULL,
              vcse_pence INTEGER NOT NULL,
              PRIMARY KEY (period_kind, period, segment_kind, segment)
            );
            CREATE TABLE mart_concentration (
              period_kind TEXT NOT NULL,
              period TEXT NOT NULL,
              segment_kind TEXT NOT NULL,
              segment TEXT NOT NULL,
              suppliers_count INTEGER NOT NULL,
              positive_pence INTEGER NOT NULL,
              hhi REAL,
              cr4_share REAL,
              effective_suppliers_count REAL,
              top_supplier_share REAL,
              band TEXT NOT NULL,
              is_thin INTEGER NOT NULL,
              PRIMARY KEY (period_kind, period, segment_kind, segment)
            );
            """),
            Migration("0005_registers", """
            CREATE TABLE register_versions (
              version_id INTEGER PRIMARY KEY,
              kind TEXT NOT NULL,
              path TEXT NOT NULL,
              sha256 TEXT NOT NULL,
              rows_count INTEGER NOT NULL,
              skipped_count INTEGER NOT NULL,
              imported_at TEXT NOT NULL,
              is_current INTEGER NOT NULL
            );
            CREATE TABLE reg_companies (
              company_number TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              postcode TEXT,
              category TEXT,
              status TEXT,
              incorporated_on TEXT,
              accounts_category TEXT,
              sic_text TEXT
            );
            CREATE INDEX reg_companies_name ON reg_companies(normalised_name);
            CREATE TABLE reg_charities (
              charity_number TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              postcode TEXT,
              status TEXT,
              latest_income_pence INTEGER,
              company_number TEXT,
              is_cio INTEGER
            );
            CREATE INDEX reg_charities_name ON reg_charities(normalised_name);
            CREATE INDEX reg_charities_company ON reg_charities(company_number);
            CREATE TABLE reg_societies (
              society_number TEXT PRIMARY KEY NOT NULL,
              registration_number TEXT,
              name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              registered_as TEXT,
              postcode TEXT,
              status TEXT
            );
            CREATE INDEX reg_societies_name ON reg_societies(normalised_name);
            CREATE TABLE reg_postcodes (
              postcode TEXT PRIMARY KEY NOT NULL,
              local_authority TEXT,
              ward TEXT,
              region TEXT,
              lsoa TEXT
            );
            CREATE TABLE reg_overrides (
              line_no INTEGER PRIMARY KEY,
              supplier_ref TEXT,
              name TEXT,
              normalised_name TEXT,
              company_number TEXT,
              charity_number TEXT,
              postcode TEXT,
              employees INTEGER,
              turnover_pence INTEGER,
              balance_sheet_pence INTEGER,
              legal_form TEXT,
              ownership TEXT,
              vcse INTEGER,
              note TEXT
            );
            CREATE INDEX reg_overrides_ref ON reg_overrides(supplier_ref);
            CREATE INDEX reg_overrides_name ON reg_overrides(normalised_name);
            ALTER TABLE dim_suppliers ADD COLUMN society_number TEXT;
            ALTER TABLE dim_suppliers ADD COLUMN registered_name TEXT;
            ALTER TABLE dim_suppliers ADD COLUMN legal_form TEXT;
            ALTER TABLE dim_suppliers ADD COLUMN override_line INTEGER;
            """),
            Migration("0006_measures", """
            CREATE TABLE mart_ownership (
              period_kind TEXT NOT NULL,
              period TEXT NOT NULL,
              segment_kind TEXT NOT NULL,
              segment TEXT NOT NULL,
              ownership TEXT NOT NULL,
              spend_pence INTEGER NOT NULL,
              suppliers_count INTEGER NOT NULL,
              PRIMARY KEY (period_kind, period, segment_kind, segment, ownership)
            );
            CREATE TABLE mart_dynamics (
              period_kind TEXT NOT NULL,
              period TEXT NOT NULL,
              segment_kind TEXT NOT NULL,
              segment TEXT NOT NULL,
              previous_period TEXT,
              active_count INTEGER NOT NULL,
              entrants_count INTEGER,
              exits_count INTEGER,
              entrant_spend_share REAL,
              local_share_change REAL,
              sme_share_change REAL,
              vcse_share_change REAL,
              hhi_change REAL,
              year_ago_period TEXT,
              local_share_change_year REAL,
              sme_share_change_year REAL,
              vcse_share_change_year REAL,
              hhi_change_year REAL,
              PRIMARY KEY (period_kind, period, segment_kind, segment)
            );
            CREATE TABLE mart_place_services (
              place_level TEXT NOT NULL,
              place TEXT NOT NULL,
              service TEXT NOT NULL,
              spend_pence INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              suppliers_count INTEGER NOT NULL,
              PRIMARY KEY (place_level, place, service)
            );
            CREATE TABLE mart_place_suppliers (
              place_level TEXT NOT NULL,
              place TEXT NOT NULL,
              supplier_key INTEGER NOT NULL,
              services_count INTEGER NOT NULL,
              services TEXT NOT NULL,
              spend_pence INTEGER NOT NULL,
              PRIMARY KEY (place_level, place, supplier_key)
            );
            CREATE TABLE mart_service_overlap (
              place_level TEXT NOT NULL,
              service_a TEXT NOT NULL,
              service_b TEXT NOT NULL,
              places_a_count INTEGER NOT NULL,
              places_b_count INTEGER NOT NULL,
              shared_places_count INTEGER NOT NULL,
              jaccard_share REAL NOT NULL,
              PRIMARY KEY (place_level, service_a, service_b)
            );
            CREATE TABLE mart_place_candidates (
              place_level TEXT NOT NULL,
              place TEXT NOT NULL,
              absent_service TEXT NOT NULL,
              supplier_key INTEGER NOT NULL,
              supplier_classes TEXT NOT NULL,
              present_services TEXT NOT NULL,
              spend_pence INTEGER NOT NULL,
              PRIMARY KEY (place_level, place, absent_service, supplier_key)
            );
            """),
            Migration("0007_sme_or_vcse", """
            ALTER TABLE mart_spend ADD COLUMN sme_or_vcse_known_pence INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE mart_spend ADD COLUMN sme_or_vcse_pence INTEGER NOT NULL DEFAULT 0;
            """),
            // Staged payments are stored dictionary-encoded: each distinct payee and each distinct spending context
            // (body, directorate, service…) once, each line as a few integers. `stg_payments` stays as a view
            // with the columns it always had. stg_lines declares no foreign keys: checking three parents per
            // inserted line cost more than the insert; the ingest stage's relationship tests check them once.
            Migration("0008_dictionary_staging", """
            CREATE TABLE stg_payees (
              payee_id INTEGER PRIMARY KEY,
              supplier_name TEXT,
              is_redacted INTEGER NOT NULL,
              redaction_label TEXT,
              supplier_ref TEXT,
              company_number TEXT,
              charity_number TEXT,
              vat_number TEXT,
              supplier_postcode TEXT
            );
            CREATE TABLE stg_contexts (
              context_id INTEGER PRIMARY KEY,
              body TEXT,
              body_name TEXT,
              directorate TEXT,
              service TEXT,
              expense_type TEXT,
              cost_centre TEXT,
              category TEXT,
              is_purchase_card INTEGER,
              capital_revenue TEXT,
              council_vcse_flag INTEGER,
              creditor_type TEXT
            );
            CREATE TABLE stg_lines (
              file_id INTEGER NOT NULL,
              line_no INTEGER NOT NULL,
              paid_on TEXT NOT NULL,
              amount_pence INTEGER NOT NULL,
              payee_id INTEGER NOT NULL,
              context_id INTEGER NOT NULL,
              transaction_ref TEXT,
              invoice_ref TEXT,
              PRIMARY KEY (file_id, line_no)
            ) WITHOUT ROWID;
            ALTER TABLE fct_payments ADD COLUMN payee_id INTEGER;
            ALTER TABLE fct_payments ADD COLUMN context_id INTEGER;
            ALTER TABLE source_files ADD COLUMN vat_basis TEXT NOT NULL DEFAULT 'unstated';
            UPDATE source_files SET vat_basis = coalesce((SELECT MIN(s.vat_basis) FROM stg_payments s WHERE s.file_id = source_files.file_id), 'unstated');
            INSERT INTO stg_payees (supplier_name, is_redacted, redaction_label, supplier_ref, company_number, charity_number, vat_number, supplier_postcode)
              SELECT DISTINCT supplier_name, is_redacted, redaction_label, supplier_ref, company_number, charity_number, vat_number, supplier_postcode
              FROM stg_payments;
            INSERT INTO stg_contexts (body, body_name, directorate, service, expense_type, cost_centre, category, is_purchase_card, capital_revenue,
              council_vcse_flag, creditor_type)
              SELECT DISTINCT body, body_name, directorate, service, expense_type, cost_centre, category, is_purchase_card, capital_revenue,
                council_vcse_flag, creditor_type
              FROM stg_payments;
            CREATE INDEX stg_payees_all ON stg_payees (supplier_name, is_redacted, redaction_label, supplier_ref, company_number, charity_number,
              vat_number, supplier_postcode);
            CREATE INDEX stg_contexts_all ON stg_contexts (body, body_name, directorate, service, expense_type, cost_centre, category,
              is_purchase_card, capital_revenue, council_vcse_flag, creditor_type);
            INSERT INTO stg_lines (file_id, line_no, paid_on, amount_pence, payee_id, context_id, transaction_ref, invoice_ref)
              SELECT s.file_id, s.line_no, s.paid_on, s.amount_pence,
                (SELECT p.payee_id FROM stg_payees p WHERE p.supplier_name IS s.supplier_name AND p.is_redacted IS s.is_redacted
                   AND p.redaction_label IS s.redaction_label AND p.supplier_ref IS s.supplier_ref AND p.company_number IS s.company_number
                   AND p.charity_number IS s.charity_number AND p.vat_number IS s.vat_number AND p.supplier_postcode IS s.supplier_postcode),
                (SELECT c.context_id FROM stg_contexts c WHERE c.body IS s.body AND c.body_name IS s.body_name AND c.directorate IS s.directorate
                   AND c.service IS s.service AND c.expense_type IS s.expense_type AND c.cost_centre IS s.cost_centre AND c.category IS s.category
                   AND c.is_purchase_card IS s.is_purchase_card AND c.capital_revenue IS s.capital_revenue
                   AND c.council_vcse_flag IS s.council_vcse_flag AND c.creditor_type IS s.creditor_type),
                s.transaction_ref, s.invoice_ref
              FROM stg_payments s;
            DROP INDEX stg_payees_all;
            DROP INDEX stg_contexts_all;
            UPDATE fct_payments SET (payee_id, context_id) = (SELECT l.payee_id, l.context_id FROM stg_lines l
              WHERE l.file_id = fct_payments.file_id AND l.line_no = fct_payments.line_no);
            DROP TABLE stg_payments;
            CREATE VIEW stg_payments AS
              SELECT l.file_id, l.line_no, c.body, c.body_name, l.paid_on, substr(l.paid_on, 1, 7) AS period_month, l.amount_pence,
                p.supplier_name, p.is_redacted, p.redaction_label, p.supplier_ref, p.company_number, p.charity_number, p.vat_number,
                p.supplier_postcode, c.directorate, c.service, c.expense_type, c.cost_centre, c.category, l.transaction_ref, l.invoice_ref,
                c.is_purchase_card, c.capital_revenue, c.council_vcse_flag, c.creditor_type, f.vat_basis, l.payee_id, l.context_id
              FROM stg_lines l JOIN stg_payees p USING (payee_id) JOIN stg_contexts c USING (context_id) JOIN source_files f USING (file_id);
            """),
            // The facts are a view: staged lines, their payee's supplier (map_payee_suppliers, rebuilt by resolve) and
            // their spending context. Resolve writes a row per payee instead of a row per payment.
            Migration("0009_facts_view", """
            CREATE TABLE map_payee_suppliers (
              payee_id INTEGER PRIMARY KEY,
              supplier_key INTEGER NOT NULL REFERENCES dim_suppliers(supplier_key)
            );
            INSERT INTO map_payee_suppliers (payee_id, supplier_key)
              SELECT payee_id, MIN(supplier_key) FROM fct_payments WHERE payee_id IS NOT NULL AND supplier_key IS NOT NULL GROUP BY payee_id;
            DROP TABLE fct_payments;
            CREATE VIEW fct_payments AS
              SELECT l.file_id, l.line_no, l.paid_on, substr(l.paid_on, 1, 7) AS period_month, l.amount_pence, m.supplier_key, p.is_redacted,
                c.is_purchase_card, c.directorate, c.service, c.expense_type, c.cost_centre, c.category, c.capital_revenue, l.payee_id, l.context_id
              FROM stg_lines l JOIN stg_payees p USING (payee_id) JOIN stg_contexts c USING (context_id)
              LEFT JOIN map_payee_suppliers m USING (payee_id);
            """),
            // What the report needs per supplier, kept by the measure stage so reports never scan the payments.
            Migration("0010_supplier_marts", """
            CREATE TABLE mart_months (
              period_month TEXT PRIMARY KEY,
              payments_count INTEGER NOT NULL,
              spend_pence INTEGER NOT NULL
            );
            CREATE TABLE mart_segment_suppliers (
              period_kind TEXT NOT NULL,
              period TEXT NOT NULL,
              segment_kind TEXT NOT NULL,
              segment TEXT NOT NULL,
              supplier_key INTEGER NOT NULL,
              spend_pence INTEGER NOT NULL,
              gross_pence INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              PRIMARY KEY (period_kind, period, segment_kind, segment, supplier_key)
            );
            """),
            // Resolution never merges strangers: identifiers shared by names that cannot be one organisation are kept
            // apart and listed; placeholders and invalid identifiers are counted per column and value. Staged payees keep
            // their identifiers as published (resolve validates them); supplier keys are stable hashes of the supplier id.
            Migration("0011_resolution_hygiene", """
            CREATE TABLE resolution_conflicts (
              scheme TEXT NOT NULL,
              value TEXT NOT NULL,
              kept_name TEXT NOT NULL,
              lost_name TEXT NOT NULL,
              kept_pence INTEGER NOT NULL,
              lost_pence INTEGER NOT NULL,
              reason TEXT NOT NULL
            );
            CREATE TABLE identifier_flags (
              column_name TEXT NOT NULL,
              value TEXT NOT NULL,
              flag TEXT NOT NULL CHECK (flag IN ('placeholder', 'invalid')),
              reason TEXT NOT NULL,
              payees_count INTEGER NOT NULL,
              rows_count INTEGER NOT NULL,
              pence INTEGER NOT NULL,
              PRIMARY KEY (column_name, value)
            );
            """),
            // Scope: every payment (payee × spending context) is market or not, by a named rule; public bodies from the
            // local-authority register and academy trusts; the marts measure the scopes the pipeline names (default market).
            Migration("0012_scope", """
            CREATE TABLE reg_local_authorities (
              code TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              nice_name TEXT,
              gss_code TEXT,
              end_date TEXT,
              authority_type TEXT,
              authority_type_name TEXT,
              alt_names TEXT
            );
            CREATE TABLE reg_local_authority_names (
              name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              code TEXT NOT NULL,
              PRIMARY KEY (normalised_name, code)
            );
            CREATE TABLE reg_academy_trusts (
              company_number TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              trust_type TEXT
            );
            CREATE TABLE reg_independent_schools (
              urn TEXT PRIMARY KEY NOT NULL,
              name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              charity_number TEXT,
              company_number TEXT
            );
            CREATE INDEX reg_independent_schools_name ON reg_independent_schools(normalised_name);
            ALTER TABLE reg_overrides ADD COLUMN scope TEXT;
            CREATE TABLE map_payment_scope (
              payee_id INTEGER NOT NULL,
              context_id INTEGER NOT NULL,
              scope TEXT NOT NULL CHECK (scope IN ('market', 'public_sector', 'payroll_tax_pensions', 'treasury', 'individuals', 'unclassified')),
              rule TEXT NOT NULL,
              PRIMARY KEY (payee_id, context_id)
            ) WITHOUT ROWID;
            CREATE TABLE mart_scope (
              period_kind TEXT NOT NULL,
              period TEXT NOT NULL,
              scope TEXT NOT NULL,
              total_pence INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              PRIMARY KEY (period_kind, period, scope)
            );
            CREATE TABLE mart_scope_payees (
              period_kind TEXT NOT NULL,
              period TEXT NOT NULL,
              scope TEXT NOT NULL,
              supplier_key INTEGER,
              payee_name TEXT NOT NULL,
              rule TEXT NOT NULL,
              total_pence INTEGER NOT NULL,
              payments_count INTEGER NOT NULL
            );
            DROP VIEW fct_payments;
            CREATE VIEW fct_payments AS
              SELECT l.file_id, l.line_no, l.paid_on, substr(l.paid_on, 1, 7) AS period_month, l.amount_pence, m.supplier_key, p.is_redacted,
                c.is_purchase_card, c.directorate, c.service, c.expense_type, c.cost_centre, c.category, c.capital_revenue, l.payee_id, l.context_id,
                coalesce(s.scope, 'unclassified') AS scope, s.rule AS scope_rule
              FROM stg_lines l JOIN stg_payees p USING (payee_id) JOIN stg_contexts c USING (context_id)
              LEFT JOIN map_payee_suppliers m USING (payee_id)
              LEFT JOIN map_payment_scope s ON s.payee_id = l.payee_id AND s.context_id = l.context_id;
            """),
            // Independent schools that have closed are not evidence against a maintained school of the same name.
            Migration("0013_independent_schools_active", """
            ALTER TABLE reg_independent_schools ADD COLUMN is_active INTEGER;
            """),
            // Org-id links (drkane/charity-lookups): which companies are charities, CIOs or registered societies.
            Migration("0014_org_id_links", """
            CREATE TABLE reg_charity_company_links (
              org_id_a TEXT NOT NULL,
              org_id_b TEXT NOT NULL,
              name TEXT,
              normalised_name TEXT,
              PRIMARY KEY (org_id_a, org_id_b)
            );
            CREATE INDEX reg_charity_company_links_b ON reg_charity_company_links(org_id_b);
            CREATE TABLE reg_cio_company_links (
              org_id_a TEXT NOT NULL,
              org_id_b TEXT NOT NULL,
              name TEXT,
              normalised_name TEXT,
              PRIMARY KEY (org_id_a, org_id_b)
            );
            CREATE INDEX reg_cio_company_links_b ON reg_cio_company_links(org_id_b);
            CREATE TABLE reg_mutual_company_links (
              org_id_a TEXT NOT NULL,
              org_id_b TEXT NOT NULL,
              name TEXT,
              normalised_name TEXT,
              PRIMARY KEY (org_id_a, org_id_b)
            );
            CREATE INDEX reg_mutual_company_links_b ON reg_mutual_company_links(org_id_b);
            """),
            // Exact file identity and lineage: a file is its path within the pipeline, its bytes and the settings it was
            // read with; each stage's build records what it was built from, so a stage never reads stale tables.
            Migration("0015_file_identity_and_lineage", """
            ALTER TABLE source_files ADD COLUMN source_path TEXT;
            ALTER TABLE source_files ADD COLUMN settings_digest TEXT;
            ALTER TABLE source_files ADD COLUMN retired_run_id INTEGER;
            ALTER TABLE source_files ADD COLUMN retired_reason TEXT;
            UPDATE source_files SET source_path = path;
            CREATE INDEX source_files_current ON source_files(is_current, source_path);
            CREATE TABLE stage_builds (
              stage TEXT PRIMARY KEY,
              run_id INTEGER NOT NULL,
              inputs_digest TEXT NOT NULL,
              lineage_json TEXT NOT NULL,
              built_at TEXT NOT NULL
            );
            ALTER TABLE run_stages ADD COLUMN inputs_digest TEXT;
            CREATE TABLE rpt_totals (
              period_kind TEXT NOT NULL,
              period TEXT NOT NULL,
              first_month TEXT NOT NULL,
              last_month TEXT NOT NULL,
              measured_pence INTEGER NOT NULL,
              all_scopes_pence INTEGER NOT NULL,
              run_id INTEGER NOT NULL,
              PRIMARY KEY (period_kind, period)
            );
            """),
            // The measure stage's own inputs and month sums, so that adding a month recomputes only what it changes.
            Migration("0016_incremental_measures", """
            CREATE TABLE mart_month_sums (
              period_month TEXT NOT NULL,
              segment_kind TEXT NOT NULL,
              segment TEXT NOT NULL,
              supplier_key INTEGER NOT NULL,
              spend_pence INTEGER NOT NULL,
              gross_pence INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              purchase_card_pence INTEGER NOT NULL,
              PRIMARY KEY (period_month, segment_kind, segment, supplier_key)
            ) WITHOUT ROWID;
            CREATE TABLE mart_month_scopes (
              period_month TEXT NOT NULL,
              scope TEXT NOT NULL,
              spend_pence INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              PRIMARY KEY (period_month, scope)
            ) WITHOUT ROWID;
            CREATE TABLE mart_month_outside (
              period_month TEXT NOT NULL,
              scope TEXT NOT NULL,
              payee_id INTEGER NOT NULL,
              spend_pence INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              PRIMARY KEY (period_month, scope, payee_id)
            ) WITHOUT ROWID;
            CREATE INDEX mart_month_outside_payee ON mart_month_outside(payee_id, period_month);
            CREATE TABLE mart_inputs (
              name TEXT PRIMARY KEY,
              value TEXT NOT NULL
            );
            CREATE TABLE mart_input_files (
              file_id INTEGER NOT NULL,
              period_month TEXT NOT NULL,
              PRIMARY KEY (file_id, period_month)
            ) WITHOUT ROWID;
            CREATE TABLE mart_input_payees (
              payee_id INTEGER PRIMARY KEY,
              supplier_key INTEGER NOT NULL
            );
            CREATE TABLE mart_input_scopes (
              payee_id INTEGER NOT NULL,
              context_id INTEGER NOT NULL,
              scope TEXT NOT NULL,
              rule TEXT,
              PRIMARY KEY (payee_id, context_id)
            ) WITHOUT ROWID;
            CREATE TABLE mart_input_suppliers (
              supplier_key INTEGER PRIMARY KEY,
              facts TEXT NOT NULL
            );
            CREATE TABLE mart_refreshed_months (
              period_month TEXT PRIMARY KEY
            );
            """),
            // Each file's payments per payee, kept by ingest, so that later stages count each payee's payments without
            // reading every line.
            Migration("0017_file_payee_tallies", """
            CREATE TABLE stg_file_payees (
              file_id INTEGER NOT NULL,
              payee_id INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              net_pence INTEGER NOT NULL,
              gross_pence INTEGER NOT NULL,
              PRIMARY KEY (file_id, payee_id)
            ) WITHOUT ROWID;
            INSERT INTO stg_file_payees SELECT file_id, payee_id, COUNT(*), SUM(amount_pence), SUM(abs(amount_pence)) FROM stg_lines GROUP BY 1, 2;
            """),
            // A file's size, modification time and inode when its SHA-256 was last worked out: the same stamp at the same
            // path means the same bytes without reading them again (as git's index does).
            Migration("0018_file_stamps", """
            ALTER TABLE source_files ADD COLUMN file_stamp TEXT;
            """),
            // Classify: the files whose lines `map_payment_scope`'s pairs were last collected from. A loaded file's lines
            // never change (a new version is a new file), so while none of these has gone, only new files are read.
            Migration("0019_scope_files", """
            CREATE TABLE map_scope_files (file_id INTEGER PRIMARY KEY);
            """),
            // Who owns whom: the PSC register's corporate and legal-person controllers with majority control, each
            // supplier's owner group (the top of its chain) and group-level concentration beside the entity level; the
            // analyst's list of investment firms; the other organisation ↔ company links; accounts dates for the size vintage.
            Migration("0020_owner_groups", """
            CREATE TABLE reg_psc_controls (
              company_number TEXT NOT NULL,
              psc_kind TEXT NOT NULL,
              name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              registration_number TEXT,
              uk_company_number TEXT,
              country_registered TEXT,
              legal_form TEXT,
              natures TEXT NOT NULL,
              notified_on TEXT,
              line_no INTEGER NOT NULL
            );
            CREATE INDEX reg_psc_controls_company ON reg_psc_controls(company_number);
            CREATE TABLE reg_investment_firms (
              name TEXT NOT NULL,
              normalised_name TEXT NOT NULL,
              company_number TEXT,
              note TEXT
            );
            CREATE TABLE reg_organisation_company_links (
              org_id_a TEXT NOT NULL,
              org_id_b TEXT NOT NULL,
              name TEXT,
              normalised_name TEXT,
              PRIMARY KEY (org_id_a, org_id_b)
            );
            CREATE INDEX reg_organisation_company_links_b ON reg_organisation_company_links(org_id_b);
            ALTER TABLE reg_companies ADD COLUMN accounts_made_up_to TEXT;
            ALTER TABLE register_versions ADD COLUMN reader_version INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE register_versions ADD COLUMN bytes INTEGER;
            ALTER TABLE register_versions ADD COLUMN source_url TEXT;
            ALTER TABLE register_versions ADD COLUMN retrieved_at TEXT;
            ALTER TABLE dim_suppliers ADD COLUMN owner_group TEXT;
            ALTER TABLE dim_suppliers ADD COLUMN owner_group_name TEXT;
            ALTER TABLE dim_suppliers ADD COLUMN owner_chain_length INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE mart_concentration ADD COLUMN groups_count INTEGER;
            ALTER TABLE mart_concentration ADD COLUMN group_hhi REAL;
            ALTER TABLE mart_concentration ADD COLUMN group_cr4_share REAL;
            ALTER TABLE mart_concentration ADD COLUMN top_group_share REAL;
            ALTER TABLE mart_concentration ADD COLUMN top_group TEXT;
            """),
            // Whether each PSC controller is registered in the UK (from its country, else its place registered), and per
            // market the largest owner group that holds several of its suppliers (the group that common ownership merges).
            Migration("0021_owner_group_detail", """
            ALTER TABLE reg_psc_controls ADD COLUMN is_uk INTEGER;
            ALTER TABLE mart_concentration ADD COLUMN merged_group TEXT;
            ALTER TABLE mart_concentration ADD COLUMN merged_group_share REAL;
            ALTER TABLE mart_concentration ADD COLUMN merged_group_suppliers INTEGER;
            """),
            // The owner groups that add most to a market's HHI once counted as one (JSON: group, suppliers, share, points).
            Migration("0022_merged_groups", """
            ALTER TABLE mart_concentration ADD COLUMN merged_groups TEXT;
            """),
            // Aggregate once: ingest keeps each file's lines summed per month × payee × spending context, and every later
            // stage (resolve, classify, measure, the report and their data tests) reads these tallies, not the lines.
            // `credit_pence` is the credit notes' part of `net_pence` (≤ 0).
            Migration("0023_line_tallies", """
            CREATE TABLE stg_tallies (
              file_id INTEGER NOT NULL,
              period_month TEXT NOT NULL,
              payee_id INTEGER NOT NULL,
              context_id INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              net_pence INTEGER NOT NULL,
              gross_pence INTEGER NOT NULL,
              credit_pence INTEGER NOT NULL,
              PRIMARY KEY (file_id, period_month, payee_id, context_id)
            ) WITHOUT ROWID;
            INSERT INTO stg_tallies
              SELECT file_id, substr(paid_on, 1, 7), payee_id, context_id, COUNT(*), SUM(amount_pence), SUM(abs(amount_pence)),
                SUM(CASE WHEN amount_pence < 0 THEN amount_pence ELSE 0 END)
              FROM stg_lines GROUP BY 1, 2, 3, 4;
            CREATE VIEW fct_tallies AS
              SELECT t.file_id, t.period_month, t.payments_count, t.net_pence, t.gross_pence, t.credit_pence, m.supplier_key, p.is_redacted,
                c.is_purchase_card, c.directorate, c.service, c.expense_type, c.cost_centre, c.category, c.capital_revenue, t.payee_id, t.context_id,
                coalesce(s.scope, 'unclassified') AS scope, s.rule AS scope_rule
              FROM stg_tallies t JOIN stg_payees p USING (payee_id) JOIN stg_contexts c USING (context_id)
              LEFT JOIN map_payee_suppliers m USING (payee_id)
              LEFT JOIN map_payment_scope s ON s.payee_id = t.payee_id AND s.context_id = t.context_id;
            """),
            // Cheaper storage: a staged line's date as the integer yyyymmdd (four bytes, bound as an integer) rather
            // than ten bytes of text. The views still show it as `yyyy-mm-dd`, as they always did.
            Migration("0024_integer_dates", """
            DROP VIEW stg_payments;
            DROP VIEW fct_payments;
            CREATE TABLE stg_lines_v2 (
              file_id INTEGER NOT NULL,
              line_no INTEGER NOT NULL,
              paid_on INTEGER NOT NULL,
              amount_pence INTEGER NOT NULL,
              payee_id INTEGER NOT NULL,
              context_id INTEGER NOT NULL,
              transaction_ref TEXT,
              invoice_ref TEXT,
              PRIMARY KEY (file_id, line_no)
            ) WITHOUT ROWID;
            INSERT INTO stg_lines_v2
              SELECT file_id, line_no, CAST(replace(paid_on, '-', '') AS INTEGER), amount_pence, payee_id, context_id, transaction_ref, invoice_ref
              FROM stg_lines;
            DROP TABLE stg_lines;
            ALTER TABLE stg_lines_v2 RENAME TO stg_lines;
            \(paymentViews)
            """),
            // Cheaper storage: a staged line is a rowid row keyed by `line_key` = file_id × 2³² + line_no (no separate key
            // copy in the b-tree's inner pages; a file read in one part is appended in key order, SQLite's append path;
            // one read in parts side by side fills one run of keys per part).
            // `file_id` and `line_no` stay as columns, computed from the key, in the places they had; a file's lines are
            // the key range `StagingReader.lineKeys(of:)`.
            Migration("0025_line_keys", """
            DROP VIEW stg_payments;
            DROP VIEW fct_payments;
            CREATE TABLE stg_lines_v3 (
              file_id INTEGER GENERATED ALWAYS AS (line_key >> 32) VIRTUAL,
              line_no INTEGER GENERATED ALWAYS AS (line_key & 4294967295) VIRTUAL,
              paid_on INTEGER NOT NULL,
              amount_pence INTEGER NOT NULL,
              payee_id INTEGER NOT NULL,
              context_id INTEGER NOT NULL,
              transaction_ref TEXT,
              invoice_ref TEXT,
              line_key INTEGER PRIMARY KEY
            );
            INSERT INTO stg_lines_v3 (line_key, paid_on, amount_pence, payee_id, context_id, transaction_ref, invoice_ref)
              SELECT (file_id << 32) + line_no, paid_on, amount_pence, payee_id, context_id, transaction_ref, invoice_ref
              FROM stg_lines ORDER BY file_id, line_no;
            DROP TABLE stg_lines;
            ALTER TABLE stg_lines_v3 RENAME TO stg_lines;
            \(paymentViews)
            """),
            // Cheaper storage: each supplier's spend per period and segment is kept in its key's order, in one tree, not
            // a table and an index of the same key (a measure run writes hundreds of thousands of these rows).
            Migration("0026_segment_suppliers_by_key", """
            CREATE TABLE mart_segment_suppliers_v2 (
              period_kind TEXT NOT NULL,
              period TEXT NOT NULL,
              segment_kind TEXT NOT NULL,
              segment TEXT NOT NULL,
              supplier_key INTEGER NOT NULL,
              spend_pence INTEGER NOT NULL,
              gross_pence INTEGER NOT NULL,
              payments_count INTEGER NOT NULL,
              PRIMARY KEY (period_kind, period, segment_kind, segment, supplier_key)
            ) WITHOUT ROWID;
            INSERT INTO mart_segment_suppliers_v2 SELECT * FROM mart_segment_suppliers;
            DROP TABLE mart_segment_suppliers;
            ALTER TABLE mart_segment_suppliers_v2 RENAME TO mart_segment_suppliers;
            """),
    ]

    /// The views of the staged lines with their payee, context and supplier (as migrations 0024 and 0025 create them).
    static let paymentViews = """
    CREATE VIEW stg_payments AS
      SELECT l.file_id, l.line_no, c.body, c.body_name, printf('%04d-%02d-%02d', l.paid_on / 10000, l.paid_on / 100 % 100, l.paid_on % 100) AS paid_on, printf('%04d-%02d', l.paid_on / 10000, l.paid_on / 100 % 100) AS period_month, l.amount_pence,
        p.supplier_name, p.is_redacted, p.redaction_label, p.supplier_ref, p.company_number, p.charity_number, p.vat_number,
        p.supplier_postcode, c.directorate, c.service, c.expense_type, c.cost_centre, c.category, l.transaction_ref, l.invoice_ref,
        c.is_purchase_card, c.capital_revenue, c.council_vcse_flag, c.creditor_type, f.vat_basis, l.payee_id, l.context_id
      FROM stg_lines l JOIN stg_payees p USING (payee_id) JOIN stg_contexts c USING (context_id) JOIN source_files f USING (file_id);
    CREATE VIEW fct_payments AS
      SELECT l.file_id, l.line_no, printf('%04d-%02d-%02d', l.paid_on / 10000, l.paid_on / 100 % 100, l.paid_on % 100) AS paid_on, printf('%04d-%02d', l.paid_on / 10000, l.paid_on / 100 % 100) AS period_month, l.amount_pence, m.supplier_key, p.is_redacted,
        c.is_purchase_card, c.directorate, c.service, c.expense_type, c.cost_centre, c.category, c.capital_revenue, l.payee_id, l.context_id,
        coalesce(s.scope, 'unclassified') AS scope, s.rule AS scope_rule
      FROM stg_lines l JOIN stg_payees p USING (payee_id) JOIN stg_contexts c USING (context_id)
      LEFT JOIN map_payee_suppliers m USING (payee_id)
      LEFT JOIN map_payment_scope s ON s.payee_id = l.payee_id AND s.context_id = l.context_id;
    """
}
