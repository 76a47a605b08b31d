#!/usr/bin/env bash
# Resolution accuracy (issue 12): on real spend files that publish company numbers, hide the identifier columns from a
# run and score the suppliers MarketShape makes against the grouping the hidden numbers imply, beside a naive
# exact-name baseline (`marketshape evaluate resolution`). Each set runs three ways: company, charity and VAT numbers
# hidden; the council's supplier ref hidden too; and nothing hidden (no supplier may then hold two company numbers).
#   bench/resolution.sh            (the fixture sets below, from ../shared/fixtures/real)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
REAL=${REAL:-$PWD/../shared/fixtures/real}
scripts/install-deps
swift build -c release --product marketshape >/dev/null
MS=$PWD/.build/release/marketshape
# The failure the issue found on another council's file, reproduced on Calderdale's: its Supplier ID column holding the
# literal text `Redacted` on every row.
mkdir -p bench/.work/redacted_ref
python3 - "$REAL/calderdale_history" bench/.work/redacted_ref <<'PY'
import csv, os, sys
src, out = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    with open(os.path.join(src, name), encoding="utf-8", errors="surrogateescape", newline="") as f:
        rows = list(csv.reader(f))
    i = rows[0].index("Supplier ID")
    for r in rows[1:]:
        if len(r) > i: r[i] = "Redacted"
    with open(os.path.join(out, name), "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
        csv.writer(f).writerows(rows)
PY
sets=("calderdale_history:$REAL/calderdale_history"
      "calderdale_history with every Supplier ID 'Redacted':bench/.work/redacted_ref"
      "calderdale_2022-08_clean:$REAL/calderdale_2022-08_clean.csv"
      "sheffield_2021-04..06:$REAL/other_bodies/sheffield_2021-04.csv $REAL/other_bodies/sheffield_2021-05.csv $REAL/other_bodies/sheffield_2021-06.csv")
for s in "${sets[@]}"; do
  name=${s%%:*}; files=${s#*:}
  for hide in company_number,charity_number,vat_number company_number,charity_number,vat_number,supplier_ref none; do
    echo "## $name, hidden: $hide"
    # shellcheck disable=SC2086
    "$MS" evaluate resolution $files --hide "$hide" --details 3
    echo
  done
done
