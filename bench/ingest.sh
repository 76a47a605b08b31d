#!/usr/bin/env bash
# Ingest benchmark: MarketShape's ingest into the warehouse beside libcsv's raw parse of the same file,
# measured in one run.   bench/ingest.sh [ROWS ...]   (default: 1000000 5000000)
# Data comes from ../shared/bench/gen_spend.py (deterministic); big files live in $BENCH_WORK (default bench/.work).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
SHARED=${SHARED:-../shared/bench}
W=${BENCH_WORK:-$PWD/bench/.work}
SIZES=("${@:-1000000 5000000}"); SIZES=(${SIZES[*]})
mkdir -p "$W/data"
scripts/install-deps
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cc -O2 -o "$W/libcsv_parse" "$SHARED/libcsv_parse.c" -lcsv
swift build -c release --product marketshape >/dev/null
MS=.build/release/marketshape

measure() { # command... → prints "seconds peak_kb"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$W/rss" "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(cat "$W/rss")"
}

row() { # label rows mb seconds peak_kb
  printf "%-34s %10s %8.2f %9.1f %10.1f\n" "$1" "$2" "$4" "$(echo "$3 / $4" | bc -l)" "$(echo "$5 / 1024" | bc -l)"
}

printf "%-34s %10s %8s %9s %10s\n" "what" "rows" "seconds" "MB/s" "peak MB"
for n in "${SIZES[@]}"; do
  python3 "$SHARED/gen_spend.py" --rows "$n" --out-dir "$W/data" --skip-existing >/dev/null
  T="$W/data/transactions_$n.csv"
  mb=$(echo "scale=3; $(stat -c %s "$T") / 1000000" | bc)
  cat "$T" > /dev/null
  for run in 1 2 3; do
    raw=($(measure "$W/libcsv_parse" "$T"))
    row "libcsv_parse (C, 1 core)" "$n" "$mb" "${raw[@]}"
    rm -f "$W/bench.sqlite"*
    ms=($(measure "$MS" ingest "$T" --warehouse "$W/bench.sqlite"))
    row "marketshape ingest → warehouse" "$n" "$mb" "${ms[@]}"
    printf "%-34s %10s %8s %9.2f\n" "  rate ÷ raw libcsv rate" "" "" "$(echo "${raw[0]} / ${ms[0]}" | bc -l)"
    # The default parses on one thread (cores − 1, writer and digest on the other); two parts side by side:
    rm -f "$W/bench.sqlite"*
    row "  … parsing in 2 parts side by side" "$n" "$mb" $(measure "$MS" ingest "$T" --warehouse "$W/bench.sqlite" --parse-threads 2)
    # What the second core gains: the same load with every thread pinned to one core.
    if command -v taskset >/dev/null; then
      rm -f "$W/bench.sqlite"*
      row "  … every thread on one core" "$n" "$mb" $(measure taskset -c 0 "$MS" ingest "$T" --warehouse "$W/bench.sqlite")
    fi
  done
done
