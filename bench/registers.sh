#!/usr/bin/env bash
# Register benchmark: import a Companies House BasicCompanyData-layout file of ROWS rows (generated, real header),
# then resolve PAYEES distinct payee names against it (half exact, a quarter misspelt, a quarter absent).
#   bench/registers.sh [ROWS] [PAYEES]     (default 5000000 50000; files in $BENCH_WORK, default bench/.work)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
ROWS=${1:-5000000}; PAYEES=${2:-50000}
W=${BENCH_WORK:-$PWD/bench/.work}/registers_$ROWS
mkdir -p "$W/data" "$W/pipelines"
scripts/install-deps
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
swift build -c release --product marketshape >/dev/null
MS=$PWD/.build/release/marketshape
if [ ! -f "$W/data/ch.csv" ]; then
  python3 bench/gen_companies.py "$ROWS" "$W/data/ch.csv" data/registers/companies_house_BasicCompanyData_sample.csv "$PAYEES" "$W/payees.txt"
fi
python3 - "$W" <<'PY'
import sys
w = sys.argv[1]
with open(f"{w}/data/spend.csv", "w", encoding="utf-8") as f:
    f.write("Payment Date,Supplier Name,Amount\r\n")
    for i, name in enumerate(open(f"{w}/payees.txt", encoding="utf-8")):
        f.write(f'02/01/2026,"{name.strip()}",{100 + i % 900}.00\r\n')
PY
cat > "$W/pipelines/bench.yml" <<YML
pipeline: bench
body: Benchmark Council
spend: [data/spend.csv]
registers:
  companies_house: data/ch.csv
YML
rm -f "$W/data/warehouse/bench.sqlite"*
echo "register file: $(stat -c %s "$W/data/ch.csv" | awk '{printf "%.0f MB", $1/1e6}'), $ROWS rows"
/usr/bin/time -f "import: %e s wall, peak %M KB" "$MS" registers import companies_house "$W/data/ch.csv" --pipeline "$W/pipelines/bench.yml"
"$MS" run "$W/pipelines/bench.yml" --only ingest >/dev/null
/usr/bin/time -f "resolve $PAYEES payees: %e s wall, peak %M KB" "$MS" run "$W/pipelines/bench.yml" --only resolve | grep -E "^resolve"
