#!/usr/bin/env bash
# PSC benchmark: import a generated persons-with-significant-control snapshot of RECORDS records (Companies House's
# JSON-lines layout) and report records/s and peak memory.
#   bench/psc.sh [RECORDS]     (default 10000000; files in $BENCH_WORK, default bench/.work; KEEP=1 keeps the file)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
RECORDS=${1:-10000000}
W=${BENCH_WORK:-$PWD/bench/.work}/psc_$RECORDS
mkdir -p "$W/data" "$W/pipelines"
scripts/install-deps
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
swift build -c release --product marketshape >/dev/null
MS=$PWD/.build/release/marketshape
[ -f "$W/data/psc.txt" ] || python3 bench/gen_psc.py "$RECORDS" "$W/data/psc.txt"
printf 'pipeline: bench\nbody: Benchmark Council\nspend: [data/spend.csv]\n' > "$W/pipelines/bench.yml"
printf 'Payment Date,Supplier Name,Amount\r\n02/01/2026,Example Ltd,100.00\r\n' > "$W/data/spend.csv"
rm -f "$W/data/warehouse/bench.sqlite"*
echo "PSC file: $(stat -c %s "$W/data/psc.txt" | awk '{printf "%.0f MB", $1/1e6}'), $RECORDS records"
/usr/bin/time -f "import: %e s wall, %U s user, peak %M KB" "$MS" registers import psc "$W/data/psc.txt" --pipeline "$W/pipelines/bench.yml"
[ "${KEEP:-0}" = 1 ] || rm -f "$W/data/psc.txt"
