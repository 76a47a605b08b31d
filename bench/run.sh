#!/usr/bin/env bash
# End-to-end benchmark (issue 7): in one run, the peers from ../shared/bench (raw libcsv parse; DuckDB and
# polars with 2 threads and 1) and MarketShape's full pipeline (ingest → resolve → classify → places →
# measure → report, the supplier register as its overrides) on the same generated files; one table with
# wall time, peak memory and MarketShape's time as a ratio of each peer's.
#   bench/run.sh [ROWS ...]        (default 1000000 5000000; RUNS=1 runs per tool, the minimum is kept)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
SHARED=${SHARED:-$PWD/../shared/bench}
W=${BENCH_WORK:-$PWD/bench/.work}
RUNS=${RUNS:-1}
SIZES=("${@:-1000000 5000000}"); SIZES=(${SIZES[*]})
mkdir -p "$W/data" "$W/out"
scripts/install-deps
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
[ -x "$W/venv/bin/python" ] || python3 -m venv "$W/venv"
"$W/venv/bin/pip" install -q pandas==3.1.1 polars==2.1.0 duckdb==2.0.0 pyarrow==26.0.1 numpy==2.4.6
cc -O2 -o "$W/libcsv_parse" "$SHARED/libcsv_parse.c" -lcsv
swift build -c release --product marketshape >/dev/null
MS=$PWD/.build/release/marketshape
OUTWARD=$(python3 -c "import sys; sys.path.insert(0, '$SHARED'); import spend_common as c; print(', '.join(c.LOCAL_OUTWARD))")

time_it() { # label command... → appends "label seconds peak_kb" to $W/out/times
  local best="" peak=0
  for _ in $(seq "$RUNS"); do
    local start end secs kb
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$W/out/rss" "${@:2}" >/dev/null 2>"$W/out/stderr" || { cat "$W/out/stderr" >&2; return 1; }
    end=$(date +%s.%N)
    secs=$(echo "$end - $start" | bc); kb=$(tail -1 "$W/out/rss")
    if [ -z "$best" ] || (( $(echo "$secs < $best" | bc) )); then best=$secs; fi
    (( kb > peak )) && peak=$kb
  done
  echo "$1 $best $peak" >> "$W/out/times"
}

: > "$W/out/times"
for n in "${SIZES[@]}"; do
  python3 "$SHARED/gen_spend.py" --rows "$n" --out-dir "$W/data" --skip-existing >/dev/null
  T="$W/data/transactions_$n.csv"; S="$W/data/suppliers.csv"
  cat "$T" > /dev/null
  P="$W/e2e_$n/pipelines/bench.yml"; mkdir -p "$(dirname "$P")"
  cat > "$P" <<YML
pipeline: bench
body: London Borough of Camden (benchmark data)
spend: [$T]
registers:
  overrides: $S
local:
  outward_codes: [$OUTWARD]
segments: [service]
periods: [financial_year]
YML
  time_it "$n libcsv_parse" "$W/libcsv_parse" "$T"
  for t in 2 1; do
    time_it "$n duckdb_${t}t" "$W/venv/bin/python" "$SHARED/ref_duckdb.py" --threads "$t" "$T" "$S" "$W/out/duckdb.csv"
    time_it "$n polars_${t}t" env POLARS_MAX_THREADS=$t "$W/venv/bin/python" "$SHARED/ref_polars.py" "$T" "$S" "$W/out/polars.csv"
  done
  rm -rf "$W/e2e_$n/data" "$W/e2e_$n/reports"
  time_it "$n marketshape" "$MS" run "$P"
  rm -rf "$W/e2e_$n/data"
done

python3 - "$W/out/times" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
by = {}
for size, tool, secs, kb in rows:
    by.setdefault(size, {})[tool] = (float(secs), int(kb) / 1024)
print(f"{'rows':>9}  {'tool':<14} {'seconds':>8} {'peak MB':>8}   MarketShape ÷ tool (time)  MarketShape ÷ tool (memory)")
for size, tools in by.items():
    ms = tools.get("marketshape")
    for tool, (secs, mb) in tools.items():
        ratio = f"{ms[0] / secs:>10.2f}" if ms and tool != "marketshape" else f"{'':>10}"
        mem = f"{ms[1] / mb:>10.2f}" if ms and tool != "marketshape" else ""
        print(f"{size:>9}  {tool:<14} {secs:>8.2f} {mb:>8.1f}   {ratio}                 {mem}")
PY
