#!/usr/bin/env bash
# Incremental benchmark (issue 7): a warehouse holding five years of monthly files for one body; adding one
# new month and refreshing the reports, timed beside the full rebuild of the same warehouse.
#   bench/incremental.sh [ROWS_PER_MONTH]     (default 20000; files in $BENCH_WORK, default bench/.work)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
SHARED=${SHARED:-$PWD/../shared/bench}
PER_MONTH=${1:-20000}
W=${BENCH_WORK:-$PWD/bench/.work}/incremental_$PER_MONTH
mkdir -p "$W/all" "$W/pipelines"
scripts/install-deps
swift build -c release --product marketshape >/dev/null
MS=$PWD/.build/release/marketshape
if [ ! -d "$W/spend" ]; then
  python3 "$SHARED/gen_spend.py" --rows $((PER_MONTH * 61)) --months 61 --start 2020-04 --out-dir "$W/all" \
    --transactions-file "$W/all/transactions.csv" --suppliers-file "$W/all/suppliers.csv" >/dev/null
  python3 - "$W" <<'PY'
import csv, os, sys
w = sys.argv[1]
os.makedirs(f"{w}/spend", exist_ok=True)
with open(f"{w}/all/transactions.csv", newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    date = header.index("Date Paid")
    outs = {}
    for row in reader:
        d, m, y = row[date].split("/")
        key = f"{y}-{m}"
        if key not in outs:
            outs[key] = csv.writer(open(f"{w}/spend/spend_{key}.csv", "w", newline="", encoding="utf-8"))
            outs[key].writerow(header)
        outs[key].writerow(row)
PY
fi
months=$(ls "$W/spend" | sort)
last=$(echo "$months" | tail -1)
cat > "$W/pipelines/incremental.yml" <<YML
pipeline: incremental
body: London Borough of Camden (benchmark data)
spend: [$W/current/*.csv]
registers:
  overrides: $W/all/suppliers.csv
local:
  outward_codes: [NW1, NW2, NW3, NW5, NW6, NW8, N1C, N6, N7, N19, WC1A, WC1B, WC1E, WC1H, WC1N, WC1R, WC1V, WC1X, WC2A, WC2B, WC2E, WC2H]
segments: [directorate, service]
periods: [month, quarter, financial_year, rolling_12_months]
YML
rm -rf "$W/current" "$W/data" "$W/reports"; mkdir -p "$W/current"
for m in $months; do [ "$m" = "$last" ] || cp "$W/spend/$m" "$W/current/"; done
echo "$(ls "$W/current" | wc -l) months, $(cat "$W"/current/*.csv | wc -l) lines; then $last added"
s=$(date +%s.%N); "$MS" run "$W/pipelines/incremental.yml" >/dev/null; e=$(date +%s.%N)
full=$(echo "$e - $s" | bc)
cp "$W/spend/$last" "$W/current/"
s=$(date +%s.%N); "$MS" run "$W/pipelines/incremental.yml" >/dev/null; e=$(date +%s.%N)
inc=$(echo "$e - $s" | bc)
printf "full rebuild of %s months: %.2f s\nadding one month and refreshing: %.2f s (%.0f%% of the full rebuild)\n" \
  "$(echo "$months" | wc -l)" "$full" "$inc" "$(echo "100 * $inc / $full" | bc -l)"
