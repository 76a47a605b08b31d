#!/usr/bin/env bash
# Agreement with the DuckDB reference (../shared/bench/ref_duckdb.py) on the peer benchmark's data:
# per Expense Area and overall, total spend, lines, distinct suppliers, HHI, CR4 and the outward-code local
# share must agree to 1e-6 relative.   bench/compare_duckdb.sh [ROWS]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"
ROWS=${1:-20000}
SHARED=${SHARED:-../shared/bench}
W=${BENCH_WORK:-$PWD/bench/.work}
mkdir -p "$W/data" "$W/compare_$ROWS/pipelines"
scripts/install-deps
[ -x "$W/venv/bin/python" ] || python3 -m venv "$W/venv"
"$W/venv/bin/pip" install -q duckdb==2.0.0
python3 "$SHARED/gen_spend.py" --rows "$ROWS" --out-dir "$W/data" --skip-existing >/dev/null
T="$W/data/transactions_$ROWS.csv"; S="$W/data/suppliers.csv"
"$W/venv/bin/python" "$SHARED/ref_duckdb.py" --threads 2 "$T" "$S" "$W/compare_$ROWS/duckdb.csv"
swift build -c release --product marketshape >/dev/null
P="$W/compare_$ROWS/pipelines/bench.yml"
OUTWARD=$(python3 -c "import sys; sys.path.insert(0, '$SHARED'); import spend_common as c; print(', '.join(c.LOCAL_OUTWARD))")
cat > "$P" <<YML
pipeline: bench
body: London Borough of Camden (benchmark data)
spend: [$T]
local:
  outward_codes: [$OUTWARD]
segments: [service]
periods: [financial_year]
# The reference counts every line: so are every scope's here (MarketShape's default measures the market alone).
scope:
  measure: [market, public_sector, payroll_tax_pensions, treasury, individuals, unclassified]
outside_root: [$W/data]
YML
rm -f "$W/compare_$ROWS/data/warehouse/bench.sqlite"*
.build/release/marketshape run "$P" >/dev/null
python3 bench/compare_duckdb.py "$W/compare_$ROWS/duckdb.csv" "$W/compare_$ROWS/data/warehouse/bench.sqlite" "$OUTWARD"
