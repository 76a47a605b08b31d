#!/usr/bin/env python3
"""End-to-end benchmark driver (issue 16), called by bench/run.sh.

For each size, in one run and on the same generated files: the raw libcsv parse, DuckDB and polars with 2 threads
and 1 (../shared/bench), and MarketShape's whole pipeline (ingest → resolve → classify → places → measure → report,
every period a real pipeline measures: months, quarters, financial years and rolling twelve months, with its data
tests), each on a fresh warehouse. ROUNDS rounds interleave the tools round-robin, so drift on a noisy machine hits
every tool alike. Per tool: the fastest and median wall time, CPU seconds (user + system) of the fastest run, the
largest peak memory; MarketShape's ratios to each peer; its stage breakdown (from the run ledger) and its ingest
rate beside libcsv's raw parse rate. Results also go to $W/results/run.json and run.md.

    bench/run.py --work DIR --ms BINARY --sizes 1000000 5000000 --rounds 3
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

STAGES = ["ingest", "resolve", "classify", "places", "measure", "report"]


def run_once(argv, env_extra, tfile, cwd=None):
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one run of argv."""
    env = dict(os.environ)
    env.update(env_extra)
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", tfile] + argv, env=env, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit("FAILED (%d): %s\n%s" % (p.returncode, " ".join(argv), p.stderr.decode()[-3000:]))
    user, system, kb = open(tfile).read().split()[-3:]
    return wall, float(user) + float(system), int(kb) / 1024


def pipeline_file(work, size, tx, suppliers, outward):
    root = os.path.join(work, "e2e_%d" % size)
    os.makedirs(os.path.join(root, "pipelines"), exist_ok=True)
    path = os.path.join(root, "pipelines", "bench.yml")
    with open(path, "w") as f:
        f.write("\n".join([
            "pipeline: bench",
            "body: London Borough of Camden (benchmark data)",
            "spend: [%s]" % tx,
            "registers:",
            "  overrides: %s" % suppliers,
            "local:",
            "  outward_codes: [%s]" % ", ".join(outward),
            "segments: [service]",
            "periods: [month, quarter, financial_year, rolling_12_months]",
            "outside_root: [%s]" % os.path.dirname(tx),
            ""]))
    return root, path


def stage_seconds(warehouse):
    """Each stage's seconds in the warehouse's newest run (its data tests included)."""
    db = sqlite3.connect(warehouse)
    rows = db.execute("""SELECT stage, (julianday(finished_at) - julianday(started_at)) * 86400 FROM run_stages
                         WHERE run_id = (SELECT max(run_id) FROM runs)""").fetchall()
    db.close()
    return {stage: secs for stage, secs in rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--ms", required=True, help="the marketshape binary")
    ap.add_argument("--python", default=sys.executable, help="the venv's python (pandas, polars, duckdb)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000000, 5000000])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", nargs="*", default=None, help="tool names to run (default: all)")
    a = ap.parse_args()
    sys.path.insert(0, a.shared)
    import spend_common
    data, out = os.path.join(a.work, "data"), os.path.join(a.work, "out")
    os.makedirs(out, exist_ok=True)
    tfile = os.path.join(out, "time.txt")
    suppliers = os.path.join(data, "suppliers.csv")
    results = []
    for size in a.sizes:
        tx = os.path.join(data, "transactions_%d.csv" % size)
        subprocess.run(["cat", tx, suppliers], stdout=subprocess.DEVNULL, check=True)   # page cache warm
        root, pipeline = pipeline_file(a.work, size, tx, suppliers, spend_common.LOCAL_OUTWARD)
        tools = [
            ("libcsv_parse", [os.path.join(a.work, "libcsv_parse"), tx], {}),
            ("duckdb_2t", [a.python, os.path.join(a.shared, "ref_duckdb.py"), "--threads", "2", tx, suppliers, os.path.join(out, "duckdb.csv")], {}),
            ("duckdb_1t", [a.python, os.path.join(a.shared, "ref_duckdb.py"), "--threads", "1", tx, suppliers, os.path.join(out, "duckdb.csv")], {}),
            ("polars_2t", [a.python, os.path.join(a.shared, "ref_polars.py"), tx, suppliers, os.path.join(out, "polars.csv")], {"POLARS_MAX_THREADS": "2"}),
            ("polars_1t", [a.python, os.path.join(a.shared, "ref_polars.py"), tx, suppliers, os.path.join(out, "polars.csv")], {"POLARS_MAX_THREADS": "1"}),
            ("marketshape", [a.ms, "run", pipeline], {}),
        ]
        tools = [t for t in tools if a.only is None or t[0] in a.only]
        runs = {name: [] for name, _, _ in tools}
        for r in range(a.rounds):
            for name, argv, env in tools:
                stages = None
                if name == "marketshape":
                    for d in ("data", "reports"):
                        shutil.rmtree(os.path.join(root, d), ignore_errors=True)
                wall, cpu, mb = run_once(argv, env, tfile)
                if name == "marketshape":
                    stages = stage_seconds(os.path.join(root, "data", "warehouse", "bench.sqlite"))
                runs[name].append(dict(wall=wall, cpu=cpu, mb=mb, stages=stages))
                print("%10d rows  round %d  %-12s %8.2f s wall %8.2f s CPU %8.1f MB" % (size, r + 1, name, wall, cpu, mb), flush=True)
        shutil.rmtree(os.path.join(root, "data"), ignore_errors=True)
        for name, _, _ in tools:
            rs = runs[name]
            best = min(rs, key=lambda x: x["wall"])
            results.append(dict(rows=size, tool=name, min_s=best["wall"], median_s=statistics.median(x["wall"] for x in rs),
                                cpu_s=best["cpu"], peak_mb=max(x["mb"] for x in rs), stages=best["stages"],
                                walls=[x["wall"] for x in rs]))
    lines = ["| rows | tool | min s | median s | CPU s | peak MB | MarketShape ÷ tool (time) | MarketShape ÷ tool (memory) |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    notes = []
    for size in a.sizes:
        by = {r["tool"]: r for r in results if r["rows"] == size}
        ms = by.get("marketshape")
        for tool, r in by.items():
            t = "%.2f" % (ms["min_s"] / r["min_s"]) if ms and tool != "marketshape" else ""
            m = "%.2f" % (ms["peak_mb"] / r["peak_mb"]) if ms and tool not in ("marketshape", "libcsv_parse") else ""
            lines.append("| %s | %s | %.2f | %.2f | %.2f | %.0f | %s | %s |" % (
                "{:,}".format(size), tool, r["min_s"], r["median_s"], r["cpu_s"], r["peak_mb"], t, m))
        if ms and ms["stages"]:
            st = ms["stages"]
            notes.append("%s rows, MarketShape's fastest run by stage (data tests included): %s; total %.2f s" % (
                "{:,}".format(size), ", ".join("%s %.2f s" % (s, st.get(s, 0)) for s in STAGES), sum(st.values())))
            if "libcsv_parse" in by:
                ingest_rate = size / st["ingest"]
                parse_rate = size / by["libcsv_parse"]["min_s"]
                notes.append("%s rows: ingest %.0f rows/s, libcsv raw parse %.0f rows/s: %.2f× the parse rate" % (
                    "{:,}".format(size), ingest_rate, parse_rate, ingest_rate / parse_rate))
    text = "\n".join(lines) + "\n\n" + "\n".join("- " + n for n in notes) + "\n\n%d rounds, interleaved; wall time of the fastest round, peak memory of the largest.\n" % a.rounds
    os.makedirs(os.path.join(a.work, "results"), exist_ok=True)
    with open(os.path.join(a.work, "results", "run.json"), "w") as f:
        json.dump(dict(rounds=a.rounds, results=results), f, indent=1)
    with open(os.path.join(a.work, "results", "run.md"), "w") as f:
        f.write(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
