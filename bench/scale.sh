#!/usr/bin/env bash
# Scale (issue 16): MarketShape's whole pipeline on one generated file of ROWS lines (default 50,000,000: about 10 GB),
# the same pipeline bench/run.sh runs (every period kind, data tests on), timed with /usr/bin/time: wall, CPU, peak
# memory and each stage's seconds. The file and the warehouse are deleted afterwards (KEEP=1 keeps them).
#   bench/scale.sh [ROWS]        (BENCH_WORK=bench/.work; generating 50M lines takes about 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
SHARED=${SHARED:-$PWD/../shared/bench}
W=${BENCH_WORK:-$PWD/bench/.work}
ROWS=${1:-50000000}
D="$W/scale_$ROWS"
mkdir -p "$D/data" "$D/pipelines"
scripts/install-deps
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
swift build -c release --product marketshape >/dev/null
python3 "$SHARED/gen_spend.py" --rows "$ROWS" --out-dir "$D/data" --skip-existing >/dev/null
OUTWARD=$(python3 -c "import sys; sys.path.insert(0, '$SHARED'); import spend_common as c; print(', '.join(c.LOCAL_OUTWARD))")
cat > "$D/pipelines/bench.yml" <<YML
pipeline: bench
body: London Borough of Camden (benchmark data)
spend: [data/transactions_$ROWS.csv]
registers:
  overrides: data/suppliers.csv
local:
  outward_codes: [$OUTWARD]
segments: [service]
periods: [month, quarter, financial_year, rolling_12_months]
YML
rm -rf "$D/data/warehouse" "$D/reports"
/usr/bin/time -f "$ROWS rows: %e s wall, %U s user + %S s system CPU, peak %M KB" .build/release/marketshape run "$D/pipelines/bench.yml" 2>&1 | tail -1
sqlite3 "$D/data/warehouse/bench.sqlite" "SELECT 'stages (data tests included): ' || group_concat(stage || ' ' || printf('%.2f', (julianday(finished_at) - julianday(started_at)) * 86400) || ' s', ', ') FROM (SELECT * FROM run_stages WHERE run_id = (SELECT max(run_id) FROM runs) ORDER BY started_at); SELECT 'tallies: ' || COUNT(*) FROM stg_tallies;"
ls -l "$D/data/warehouse/bench.sqlite" | awk '{printf "warehouse: %.2f GB\n", $5 / 1e9}'
[ "${KEEP:-0}" = 1 ] || rm -rf "$D"
