#!/usr/bin/env bash
# Scenario 2 of docs/performance.md: the rating engine over all 620,573 communities of
# china-villages.csv.gz, on one core (taskset -c ${HX_BENCH_CPU:-1}). Runs bench/rating_bench
# (Google Benchmark) with 5 repetitions, randomly interleaved, and prints the medians and the
# ratio (a) eligible_star / (b) read only. Goal: (a) < 100 ms. About 25 s.
# Usage: bench/rating.sh   (env: HX_BUILD, HX_SHARED_DATA or HX_VILLAGES_CSV, HX_BENCH_CPU,
#                           HX_BENCH_REPETITIONS)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench=$HX_BUILD/bench/rating_bench
[[ -x $bench ]] || hx_die "$bench missing: cmake --build build/release (needs libbenchmark-dev, zlib)"
export HX_SHARED_DATA=${HX_SHARED_DATA:-$HX_ROOT/../shared/data}
if [[ -z ${HX_VILLAGES_CSV:-} && ! -r $HX_SHARED_DATA/china-villages.csv.gz ]]; then
    hx_die "no $HX_SHARED_DATA/china-villages.csv.gz (set HX_SHARED_DATA or HX_VILLAGES_CSV)"
fi
cpu=${HX_BENCH_CPU:-1}
repetitions=${HX_BENCH_REPETITIONS:-5}

hx_begin
started=$SECONDS
machine_before=$(hx_machine)
hx_log "$machine_before"
json=$hx_tmp/rating.json
command=(taskset -c "$cpu" "$bench" --benchmark_repetitions="$repetitions"
    --benchmark_enable_random_interleaving=true --benchmark_out="$json"
    --benchmark_out_format=json)
hx_log "${command[*]}"
hx_run_bounded 120 "$hx_tmp/rating.txt" "${command[@]}" ||
    { cat "$hx_tmp/rating.txt" >&2; hx_die "rating_bench failed"; }
if [[ -n ${HX_BENCH_OUT:-} ]]; then mkdir -p "$HX_BENCH_OUT" && cp "$json" "$HX_BENCH_OUT/"; fi

echo
echo "## bench/rating.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$machine_before"
echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg); pinned to CPU $cpu; $repetitions repetitions, randomly interleaved"
echo
python3 - "$json" <<'EOF'
import json, statistics, sys
from collections import defaultdict
data = json.load(open(sys.argv[1]))
context = data["context"]
rows = defaultdict(list)
for b in data["benchmarks"]:
    if b.get("run_type") != "iteration":
        continue
    rows[b["run_name"].split("/")[0]].append(b)

def median(name, key):
    return statistics.median(r[key] for r in rows[name])

def ms(name):  # median CPU time of one pass over every assessment, in ms
    unit = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[rows[name][0]["time_unit"]]
    return median(name, "cpu_time") * unit

n = int(context.get("communities", 0))
a, b, c = ms("BM_eligible_star"), ms("BM_read_only"), ms("BM_evaluate_full")
codes_ns = median("BM_evaluate_codes", "cpu_time")
checks = {name: rows[name][0]["checksum"] for name in ("BM_eligible_star", "BM_evaluate_full")}
print(f"{n:,} assessments of {context.get('standard')} ({context.get('indicators')} indicators), "
      f"median CPU time of {len(rows['BM_eligible_star'])} repetitions")
print()
print("| figure | all assessments | per assessment | goal | met |")
print("|---|---:|---:|---:|---|")
def spread(name):
    unit = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[rows[name][0]["time_unit"]]
    times = [r["cpu_time"] * unit for r in rows[name]]
    return f"{min(times):.1f}–{max(times):.1f}"

print(f"| (a) eligible_star, stars summed (min–max {spread('BM_eligible_star')}) | {a:.1f} ms "
      f"| {a * 1e6 / n:.1f} ns | < 100 ms | {'yes' if a < 100 else 'no'} |")
print(f"| (b) read only: popcount of the set's words + claims (min–max "
      f"{spread('BM_read_only')}) | {b:.1f} ms | {b * 1e6 / n:.1f} ns | | |")
print(f"| (a)/(b) | {a / b:.1f} × | | | |")
print(f"| (c) evaluate() with every level explained | {c:.0f} ms | {c * 1e6 / n:.0f} ns | (information) | |")
print(f"| (c)/(a) | {c / a:.1f} × | | | |")
print(f"| (d) one evaluate(RatingInput) of {int(rows['BM_evaluate_codes'][0]['codes'])} string codes "
      f"| | {codes_ns:,.0f} ns | (information) | |")
same = "same" if checks["BM_eligible_star"] == checks["BM_evaluate_full"] else "DIFFERENT"
print()
print(f"stars summed by (a) and (c): {checks['BM_eligible_star']:.0f} / "
      f"{checks['BM_evaluate_full']:.0f} ({same})")
EOF
echo
echo "total time: $((SECONDS - started)) s"
