#!/usr/bin/env bash
# Which PostgreSQL client publishes faster: libpq (what MarketShape uses) or postgres-nio, COPYing the same ROWS rows
# (default 1,000,000) into the same server, three interleaved rounds. Builds bench/pgclient (a package of its own).
#   bench/pgclient.sh [ROWS]     (server: $MARKETSHAPE_BENCH_POSTGRES, else scripts/pg-test-server)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps
URL=${MARKETSHAPE_BENCH_POSTGRES:-$(scripts/pg-test-server start)}
swift build -c release --package-path bench/pgclient --scratch-path bench/.work/pgclient-build >/dev/null
bench/.work/pgclient-build/release/pgclient-bench "$URL" "${1:-1000000}"
