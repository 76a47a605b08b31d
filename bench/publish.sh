#!/usr/bin/env bash
# Publishing benchmark: one generated body of ROWS payments (default 5,000,000) published to PostgreSQL (rows/s, peak
# memory), then BODIES bodies of BODY_ROWS payments each (default 100 × 200,000) published by 2 parallel workers (total
# time, the server's table sizes). Uses $MARKETSHAPE_BENCH_POSTGRES, else starts scripts/pg-test-server.
#   bench/publish.sh [ROWS] [BODIES] [BODY_ROWS]      (files in $BENCH_WORK, default bench/.work)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
ROWS=${1:-5000000}; BODIES=${2:-100}; BODY_ROWS=${3:-200000}
W=${BENCH_WORK:-$PWD/bench/.work}/publish
mkdir -p "$W"
scripts/install-deps
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
swift build -c release --product marketshape >/dev/null
MS=$PWD/.build/release/marketshape
URL=${MARKETSHAPE_BENCH_POSTGRES:-$(scripts/pg-test-server start)}
psql -X -q "$URL" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null
body() { # NAME ROWS CODE: a generated borough, run through the pipeline
  local dir="$W/$1"
  if [ ! -f "$dir/data/warehouse/$1.sqlite" ]; then
    rm -rf "$dir"; mkdir -p "$dir/pipelines"
    "$MS" generate --out "$dir/data/borough" --rows "$2" --months 12 --start 2024-04 --force >/dev/null
    printf 'pipeline: %s\nbody: {name: Benchmark %s, code: %s}\nspend: [data/borough/spend/*.csv]\nregisters:\n  overrides: data/borough/registers/supplier_overrides.csv\n  psc: data/borough/registers/psc-snapshot.txt\nsegments: [directorate, service]\nperiods: [month, quarter, financial_year]\n' "$1" "$1" "$3" > "$dir/pipelines/$1.yml"
    "$MS" run "$dir/pipelines/$1.yml" >/dev/null
  fi
}
body big "$ROWS" E99000001
echo "one body: $ROWS payments"
/usr/bin/time -f "publish: %e s wall, %U s user, peak %M KB" "$MS" publish "$W/big/pipelines/big.yml" --to "$URL"
body small "$BODY_ROWS" E99000002
cp "$W/small/data/warehouse/small.sqlite" "$W/small/data/warehouse/small-2.sqlite"
sed 's|^segments|warehouse: data/warehouse/small-2.sqlite\nsegments|' "$W/small/pipelines/small.yml" > "$W/small/pipelines/small-2.yml"
echo "$BODIES bodies of $BODY_ROWS payments, 2 workers"
start=$(date +%s.%N)
worker() { for i in $(seq "$1" 2 "$BODIES"); do "$MS" publish "$W/small/pipelines/$2" --to "$URL" --body-key "$(printf 'B%06d' "$i")" >/dev/null; done; }
worker 1 small.yml & worker 2 small-2.yml & wait
end=$(date +%s.%N)
echo "$BODIES bodies published in $(echo "$end - $start" | bc) s"
psql -X "$URL" -c "SELECT count(*) AS bodies FROM ms_bodies" \
  -c "SELECT c.relname AS table, pg_size_pretty(sum(pg_total_relation_size(i.inhrelid))) AS size, sum(s.n_live_tup) AS rows FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent JOIN pg_stat_user_tables s ON s.relid = i.inhrelid GROUP BY c.relname ORDER BY sum(pg_total_relation_size(i.inhrelid)) DESC LIMIT 8" \
  -c "SELECT pg_size_pretty(pg_database_size(current_database())) AS database"
