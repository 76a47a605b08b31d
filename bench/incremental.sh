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
rm -rf "$W/current" "$W/data" "$W/reports" "$W/saved"; mkdir -p "$W/current" "$W/saved"
for m in $months; do [ "$m" = "$last" ] || cp -p "$W/spend/$m" "$W/current/"; done
echo "$(ls "$W/current" | wc -l) months, $(cat "$W"/current/*.csv | wc -l) lines; then $last added"
WH="$W/data/warehouse/incremental.sqlite"
s=$(date +%s.%N); "$MS" run "$W/pipelines/incremental.yml" >/dev/null; e=$(date +%s.%N)
full=$(echo "$e - $s" | bc)
cp "$WH" "$W/saved/before.sqlite"; sync
# The same step three times from the same 60-month warehouse: the median is the figure (the machine is noisy).
incs=()
for i in 1 2 3; do
  rm -f "$WH"-wal "$WH"-shm; cp "$W/saved/before.sqlite" "$WH"; rm -f "$W/current/$last"
  cp -p "$W/spend/$last" "$W/current/"
  sync   # the restored warehouse is written out first, so its copy is not timed with the step
  s=$(date +%s.%N); "$MS" run "$W/pipelines/incremental.yml" > "$W/saved/incremental.out"; e=$(date +%s.%N)
  incs+=("$(echo "$e - $s" | bc)")
done
inc=$(printf "%s\n" "${incs[@]}" | sort -n | sed -n 2p)
grep '^measure' "$W/saved/incremental.out" | sed 's/.*; \([0-9]* month(s) summed again.*\)/measure: \1/'
sqlite3 "$WH" "SELECT '  ' || stage || ' ' || printf('%.2f', (julianday(finished_at) - julianday(started_at)) * 86400) || ' s' FROM run_stages WHERE run_id = (SELECT MAX(run_id) FROM runs) ORDER BY rowid"
# The marts after the step against a rebuild of the same 61 months from nothing, row for row.
cp "$WH" "$W/saved/after.sqlite"
s=$(date +%s.%N); "$MS" run "$W/pipelines/incremental.yml" --rebuild >/dev/null; e=$(date +%s.%N)
rebuild=$(echo "$e - $s" | bc)
same=yes
for t in $(sqlite3 "$WH" "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'mart_%' AND name NOT LIKE 'mart_input%' AND name <> 'mart_refreshed_months' ORDER BY 1"); do
  if ! cmp -s <(sqlite3 "$WH" "SELECT * FROM $t" | sort) <(sqlite3 "$W/saved/after.sqlite" "SELECT * FROM $t" | sort); then echo "  $t differs"; same=no; fi
done
printf "full build of 60 months: %.2f s\nadding the 61st month and refreshing: %s s (median %.2f s, %.1f%% of the full build)\nrebuilding all 61 months: %.2f s (the step is %.1f%% of it); marts identical to the rebuild: %s\n" \
  "$full" "${incs[*]}" "$inc" "$(echo "100 * $inc / $full" | bc -l)" "$rebuild" "$(echo "100 * $inc / $rebuild" | bc -l)" "$same"
