#!/usr/bin/env bash
# End-to-end benchmark (issue 16): in one run, the peers from ../shared/bench (raw libcsv parse; DuckDB and
# polars with 2 threads and 1) and MarketShape's full pipeline (ingest → resolve → classify → places → measure →
# report over months, quarters, financial years and rolling twelve months, data tests on, the supplier register as
# its overrides) on the same generated files, ROUNDS rounds interleaved. Prints wall time, CPU seconds and peak
# memory per tool, MarketShape's ratios, its stage breakdown and its ingest rate beside libcsv's parse rate.
#   bench/run.sh [ROWS ...]        (default 1000000 5000000; ROUNDS=3; BENCH_WORK=bench/.work; ONLY="marketshape polars_2t")
# Run nothing else meanwhile: the ratios are only as good as the machine is quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
SHARED=${SHARED:-$PWD/../shared/bench}
W=${BENCH_WORK:-$PWD/bench/.work}
ROUNDS=${ROUNDS:-${RUNS:-3}}
SIZES=("${@:-1000000 5000000}"); SIZES=(${SIZES[*]})
mkdir -p "$W/data" "$W/out"
scripts/install-deps
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
[ -x "$W/venv/bin/python" ] || python3 -m venv "$W/venv"
"$W/venv/bin/pip" install -q pandas==3.1.1 polars==2.1.0 duckdb==2.0.0 pyarrow==26.0.1 numpy==2.4.6
cc -O2 -o "$W/libcsv_parse" "$SHARED/libcsv_parse.c" -lcsv
swift build -c release --product marketshape >/dev/null
for n in "${SIZES[@]}"; do
  python3 "$SHARED/gen_spend.py" --rows "$n" --out-dir "$W/data" --skip-existing >/dev/null
done
"$W/venv/bin/python" bench/run.py --work "$W" --shared "$SHARED" --ms "$PWD/.build/release/marketshape" \
  --python "$W/venv/bin/python" --sizes "${SIZES[@]}" --rounds "$ROUNDS" ${ONLY:+--only $ONLY}
