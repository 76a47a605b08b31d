#!/usr/bin/env python3
"""Writes a Companies House BasicCompanyData-layout file (the real 55-column header) of N synthetic rows,
deterministically, and a payee list of M names drawn from it (half exact, a quarter misspelt, a quarter absent).
   gen_companies.py ROWS OUT.csv [--payees M PAYEES.txt]"""
import random, sys



def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    header_from = sys.argv[3]
    payees, payee_out = (int(sys.argv[4]), sys.argv[5]) if len(sys.argv) > 5 else (0, None)
    header = open(header_from, encoding="utf-8").readline().rstrip("\r\n")
    rnd = random.Random(42)
    words = ["NORTH", "SOUTH", "BRIGHT", "CIVIC", "OAK", "WILLOW", "HARBOUR", "UNITY", "SUMMIT", "ALBION", "VALE", "CREST", "PRIME",
             "HOLLY", "REGENT", "FLEET", "METRO", "CEDAR", "PIONEER", "MERIDIAN", "APEX", "NOVA", "ORBIT", "QUAY"]
    trades = ["CARE", "BUILDING SERVICES", "CONSULTING", "LOGISTICS", "DIGITAL", "CLEANING", "HOMES", "TRAINING", "ENGINEERING", "CATERING"]
    cats = ["Private Limited Company"] * 90 + ["Public Limited Company"] * 2 + ["PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)"] * 4 + ["Community Interest Company"] * 2 + ["Limited Liability Partnership"] * 2
    accts = ["MICRO ENTITY", "SMALL", "TOTAL EXEMPTION FULL", "UNAUDITED ABRIDGED", "FULL", "GROUP", "DORMANT", "NO ACCOUNTS FILED", ""]
    names = []
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(header + "\r\n")
        for i in range(rows):
            name = f"{rnd.choice(words)} {rnd.choice(words)} {rnd.choice(trades)} {i} LIMITED"
            if payees and len(names) < payees * 4 and rnd.random() < 0.01: names.append(name)
            row = [""] * 55
            row[0] = name; row[1] = "%08d" % (1000000 + i); row[9] = f"{rnd.choice(['NW1', 'N1', 'M1', 'LS1', 'B1'])} {rnd.randint(1, 9)}AB"
            row[10] = rnd.choice(cats); row[11] = "Active"; row[12] = "United Kingdom"; row[14] = "01/04/2012"; row[19] = rnd.choice(accts)
            row[26] = "82990 - Other business support service activities n.e.c."
            f.write(",".join('"' + v + '"' for v in row) + "\r\n")
    if payee_out:
        rnd.shuffle(names)
        with open(payee_out, "w", encoding="utf-8") as f:
            for j, n in enumerate(names[:payees]):
                kind = j % 4
                if kind == 1: n = n.replace(" LIMITED", " Ltd").title()
                elif kind == 2: n = n.replace("LIMITED", "LIMTED")
                elif kind == 3: n = "UNREGISTERED TRADER " + str(j)
                f.write(n + "\n")

main()
