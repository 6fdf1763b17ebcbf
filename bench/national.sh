#!/usr/bin/env bash
# Scenario 3 of issue 9, national scale (docs/performance.md § National scale):
#   1. import: `huixing import regions --national FILE` into a fresh SQLite database, RUNS times
#      (median wall and CPU time, max RSS, from /usr/bin/time), against the reference of the same run:
#      the sqlite3 shell loading the same rows into one plain table (`.import`, same disk,
#      same synchronous=FULL commit);
#   2. rating: bench/rating_bench (BM_eligible_star, BM_read_only) over the same file;
#   3. statistics: bench/national_bench on the imported database — synthetic certification year,
#      then coverage, funnel, summary and indicators through StatsService for every province,
#      against a plain scan of the same applications (reference_scan).
# Goals: import < 10 s; rating < 100 ms; each statistic < 200 ms over the whole dataset.
# On a loaded machine read the CPU-time columns: wall time there includes the time other
# tenants held the cores. About 3 minutes on a quiet machine.
# Usage: bench/national.sh   (env: HX_BUILD, HX_SHARED_DATA or HX_VILLAGES_CSV, HX_BENCH_RUNS
#        (default 3), HX_NATIONAL_ROWS (only the first N communities: the ctest tiny size))
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

national_bench=$HX_BUILD/bench/national_bench
rating_bench=$HX_BUILD/bench/rating_bench
for program in "$national_bench" "$rating_bench"; do
    [[ -x $program ]] || hx_die "$program missing: cmake --build build/release (needs libbenchmark-dev, zlib)"
done
command -v sqlite3 >/dev/null || hx_die "sqlite3 missing (apt-get install sqlite3)"
HX_SHARED_DATA=${HX_SHARED_DATA:-$HX_ROOT/../shared/data}
file=${HX_VILLAGES_CSV:-$HX_SHARED_DATA/china-villages.csv.gz}
[[ -r $file ]] || hx_die "no $file (set HX_SHARED_DATA or HX_VILLAGES_CSV)"
runs=${HX_BENCH_RUNS:-3}

hx_begin
started=$SECONDS
machine_before=$(hx_machine)
hx_log "$machine_before"
if [[ -n ${HX_NATIONAL_ROWS:-} ]]; then
    # zcat stops on SIGPIPE when head has its rows
    { zcat -f "$file" || true; } | head -n "$((HX_NATIONAL_ROWS + 1))" | gzip -1 >"$hx_tmp/villages.csv.gz"
    file=$hx_tmp/villages.csv.gz
fi
zcat -f "$file" | tail -n +2 >"$hx_tmp/rows.csv"  # the reference's input, unpacked beforehand
rows=$(wc -l <"$hx_tmp/rows.csv")

# seconds.fraction of one command; its max RSS (KiB) and user and system CPU seconds in $hx_tmp/rss
timed() {
    local out=$1 begin end
    shift
    begin=$(date +%s.%N)
    /usr/bin/time -f '%M %U %S' -o "$hx_tmp/rss" "$@" >"$out" 2>&1 || { cat "$out" >&2; return 1; }
    end=$(date +%s.%N)
    echo "$begin $end" | awk '{printf "%.3f\n", $2 - $1}'
}

import_times=() reference_times=() import_rss=() import_cpu=() reference_cpu=()
for ((run = 1; run <= runs; run++)); do
    # Alternating which goes first, so that neither always meets a warmer cache.
    for side in huixing reference; do
        [[ $run -eq 2 || $run -eq 4 ]] && side=$([[ $side == huixing ]] && echo reference || echo huixing)
        if [[ $side == huixing ]]; then
            rm -rf "$hx_tmp"/n.db*
            t=$(timed "$hx_tmp/import.log" "$HX_BIN" import regions --national "$file" --db "sqlite:$hx_tmp/n.db") ||
                hx_die "huixing import regions --national failed"
            import_times+=("$t")
            import_rss+=("$(cut -d' ' -f1 "$hx_tmp/rss")")
            import_cpu+=("$(awk '{print $2 + $3}' "$hx_tmp/rss")")
        else
            rm -f "$hx_tmp"/ref.db*
            t=$(timed "$hx_tmp/ref.log" sqlite3 "$hx_tmp/ref.db" \
                "PRAGMA journal_mode=WAL" "PRAGMA synchronous=FULL" \
                "CREATE TABLE villages (community_code TEXT, community_name TEXT, street_code TEXT, street_name TEXT, district_code TEXT, district_name TEXT, province_code TEXT)" \
                ".import --csv $hx_tmp/rows.csv villages") || hx_die "sqlite3 .import failed"
            reference_times+=("$t")
            reference_cpu+=("$(awk '{print $2 + $3}' "$hx_tmp/rss")")
        fi
    done
    hx_log "run $run: import ${import_times[-1]} s (CPU ${import_cpu[-1]} s), reference ${reference_times[-1]} s (CPU ${reference_cpu[-1]} s)"
done
grep -q '已导入' "$hx_tmp/import.log" || { cat "$hx_tmp/import.log" >&2; hx_die "import printed no summary"; }
imported_line=$(grep '已导入' "$hx_tmp/import.log")

hx_log "rating_bench"
HX_VILLAGES_CSV=$file hx_run_bounded 300 "$hx_tmp/rating.txt" taskset -c "${HX_BENCH_CPU:-1}" "$rating_bench" \
    --benchmark_filter='BM_eligible_star|BM_read_only' --benchmark_repetitions="$runs" \
    --benchmark_enable_random_interleaving=true --benchmark_out="$hx_tmp/rating.json" \
    --benchmark_out_format=json || { cat "$hx_tmp/rating.txt" >&2; hx_die "rating_bench failed"; }

hx_log "national_bench (synthetic year + statistics)"
nb_begin=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$hx_tmp/nb.rss" "$national_bench" "$hx_tmp/n.db" "$runs" \
    >"$hx_tmp/national.json" 2>"$hx_tmp/national.log" || { cat "$hx_tmp/national.log" >&2; hx_die "national_bench failed"; }
hx_log "national_bench took $(echo "$nb_begin $(date +%s.%N)" | awk '{printf "%.1f", $2 - $1}') s"
db_size=$(du -k "$hx_tmp/n.db" | cut -f1)
if [[ -n ${HX_BENCH_OUT:-} ]]; then
    mkdir -p "$HX_BENCH_OUT" && cp "$hx_tmp/national.json" "$hx_tmp/rating.json" "$HX_BENCH_OUT/"
fi

echo
echo "## bench/national.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$machine_before"
echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg); uptime: $(uptime)"
echo "file: $file ($rows communities); $runs runs; $((SECONDS - started)) s in all"
echo "import: $imported_line"
echo
python3 - "$runs" "$hx_tmp/rating.json" "$hx_tmp/national.json" "$(cat "$hx_tmp/nb.rss")" "$db_size" \
    "${import_times[*]}" "${reference_times[*]}" "${import_rss[*]}" "${import_cpu[*]}" "${reference_cpu[*]}" <<'EOF'
import json, statistics, sys
runs = int(sys.argv[1])
rating = json.load(open(sys.argv[2]))
national = json.load(open(sys.argv[3]))
nb_rss_mib = int(sys.argv[4]) / 1024
db_mib = int(sys.argv[5]) / 1024
imports = [float(x) for x in sys.argv[6].split()]
references = [float(x) for x in sys.argv[7].split()]
import_rss = max(int(x) for x in sys.argv[8].split()) / 1024
import_cpu = statistics.median(float(x) for x in sys.argv[9].split())
reference_cpu = max(0.01, statistics.median(float(x) for x in sys.argv[10].split()))  # /usr/bin/time's resolution

def met(value, goal):
    return "yes" if value < goal else "**no**"

imp, ref = statistics.median(imports), statistics.median(references)
print("| figure | median | reference (same run) | ratio | goal | met |")
print("|---|---:|---:|---:|---:|---|")
print(f"| import, {national['communities']:,} communities (min–max {min(imports):.2f}–{max(imports):.2f} s) "
      f"| {imp:.2f} s | sqlite3 `.import` {ref:.2f} s | {imp / ref:.2f} × | < 10 s | {met(imp, 10)} |")
print(f"| import, CPU time (user + system) | {import_cpu:.2f} s | sqlite3 `.import` {reference_cpu:.2f} s "
      f"| {import_cpu / reference_cpu:.2f} × | | |")

rows = {}
for b in rating["benchmarks"]:
    if b.get("run_type") == "iteration":
        rows.setdefault(b["run_name"].split("/")[0], []).append(b)
def ms(name):
    unit = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[rows[name][0]["time_unit"]]
    return statistics.median(r["cpu_time"] for r in rows[name]) * unit
a, b = ms("BM_eligible_star"), ms("BM_read_only")
print(f"| rating, every community (rating_bench `eligible_star`) | {a:.1f} ms | read only {b:.1f} ms "
      f"| {a / b:.2f} × | < 100 ms | {met(a, 100)} |")
print(f"| rating, every community (national_bench, the service's engine; CPU {national['rating_cpu_ms']:.1f} ms) "
      f"| {national['rating_ms']:.1f} ms | | | < 100 ms | {met(national['rating_ms'], 100)} |")
q = national["queries"]
scan = q["reference_scan"]["all_ms"]
scan_cpu = q["reference_scan"]["all_cpu_ms"]
for name, label in (("coverage", "coverage by district"), ("funnel", "funnel of the round"),
                    ("summary", "stars by district and street"),
                    ("indicators", "indicator achievement rates")):
    v = q[name]
    print(f"| {label}, all {national['provinces']} provinces (slowest {v['slowest_province']}: "
          f"{v['slowest_ms']:.1f} ms; CPU {v['all_cpu_ms']:.1f} ms) | {v['all_ms']:.1f} ms | scan {scan:.1f} ms "
          f"(CPU {scan_cpu:.1f} ms) | {v['all_ms'] / scan:.2f} × | < 200 ms | {met(v['all_ms'], 200)} |")
print()
print(f"peak memory (max RSS): import {import_rss:.0f} MiB; national_bench {nb_rss_mib:.0f} MiB "
      f"(the whole dataset and its assessments in memory); database {db_mib:.0f} MiB after the synthetic year")
print(f"synthetic year: {national['submitted']:,} submitted, {national['recommended']:,} recommended, "
      f"{national['evaluations']:,} evaluations, {national['certified']:,} certified, "
      f"{national['sanctioned']:,} sanctioned; stars summed {national['stars']:,}; "
      f"generated in {national['generate_ms'] / 1000:.1f} s; statistics' counters counted from those rows "
      f"(what migration 0013 does for existing data) in {national['rebuild_ms'] / 1000:.1f} s")
EOF
