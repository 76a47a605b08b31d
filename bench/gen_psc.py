#!/usr/bin/env python3
"""Writes a Companies House PSC-snapshot-layout file (JSON lines, sorted keys, a totals line last) of N records,
deterministically: ~62% individuals, 12% UK corporate majority controllers (chains of 1-4 steps), 3% overseas parents,
5% corporate minority holders, 5% ceased corporate controllers, 3% legal persons, 10% statements.
   gen_psc.py RECORDS OUT.txt"""
import random, sys

def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(7)
    addr = '"address":{"address_line_1":"1 Example Street","country":"England","locality":"London","postal_code":"EC1A 1AA","premises":"1"}'
    full = '["ownership-of-shares-75-to-100-percent","voting-rights-75-to-100-percent","right-to-appoint-and-remove-directors"]'
    minority = '["ownership-of-shares-25-to-50-percent","voting-rights-25-to-50-percent"]'
    people = 0; statements = 0
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            company = "%08d" % (1000000 + i)
            etag = "%040x" % (i * 2654435761 % (1 << 160))
            r = rnd.random()
            link = f'"links":{{"self":"/company/{company}/persons-with-significant-control/'
            if r < 0.62:
                f.write(f'{{"company_number":"{company}","data":{{{addr},"country_of_residence":"England","date_of_birth":{{"month":{1 + i % 12},"year":{1940 + i % 60}}},"etag":"{etag}","kind":"individual-person-with-significant-control",{link}individual/{etag[:27]}"}},"name":"Mr John Example{i}","name_elements":{{"forename":"John","surname":"Example{i}","title":"Mr"}},"nationality":"British","natures_of_control":{full},"notified_on":"2016-04-06"}}}}\n')
                people += 1
            elif r < 0.90:
                parent = "%08d" % (1000000 + rnd.randrange(n))
                if r < 0.74:
                    ident, natures, extra = f'{{"country_registered":"England","legal_authority":"Companies Act 2006","legal_form":"Private Limited Company","place_registered":"Companies House","registration_number":"{parent}"}}', full, ''
                elif r < 0.77:
                    ident, natures, extra = f'{{"country_registered":"Luxembourg","legal_authority":"Luxembourg Company Law","legal_form":"Societe a responsabilite limitee","place_registered":"RCS Luxembourg","registration_number":"B{100000 + i % 90000}"}}', full, ''
                elif r < 0.82:
                    ident, natures, extra = f'{{"country_registered":"England","legal_authority":"Companies Act 2006","legal_form":"Private Limited Company","place_registered":"Companies House","registration_number":"{parent}"}}', minority, ''
                elif r < 0.87:
                    ident, natures, extra = f'{{"country_registered":"England","legal_authority":"Companies Act 2006","legal_form":"Private Limited Company","place_registered":"Companies House","registration_number":"{parent}"}}', full, '"ceased_on":"2020-03-31",'
                else:
                    f.write(f'{{"company_number":"{company}","data":{{{addr},"etag":"{etag}","identification":{{"legal_authority":"Local Government Act 1972","legal_form":"Local Authority"}},"kind":"legal-person-person-with-significant-control",{link}legal-person/{etag[:27]}"}},"name":"Example Borough Council {i % 300}","natures_of_control":{full},"notified_on":"2017-01-01"}}}}\n')
                    people += 1
                    continue
                f.write(f'{{"company_number":"{company}","data":{{{addr},{extra}"etag":"{etag}","identification":{ident},"kind":"corporate-entity-person-with-significant-control",{link}corporate-entity/{etag[:27]}"}},"name":"EXAMPLE HOLDINGS {i} LIMITED","natures_of_control":{natures},"notified_on":"2016-04-06"}}}}\n')
                people += 1
            else:
                f.write(f'{{"company_number":"{company}","data":{{"etag":"{etag}","kind":"persons-with-significant-control-statement",{link[:-1]}-statements/{etag[:27]}"}},"notified_on":"2016-04-06","statement":"no-individual-or-entity-with-signficant-control"}}}}\n')
                statements += 1
        f.write(f'{{"data":{{"exemptions_count":0,"kind":"totals#persons-of-significant-control-snapshot","persons_of_significant_control_count":{people},"statements_count":{statements}}}}}\n')

main()
