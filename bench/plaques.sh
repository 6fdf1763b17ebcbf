#!/usr/bin/env bash
# Scenario 4 of docs/performance.md: 1,500 plaques (HX_PLAQUES) rendered as PNG and as PDF on
# one thread by bench/plaques_bench (render::render_plaque, the renderer the server calls),
# under /usr/bin/time -v for the peak memory; then the same through the plaque cache
# (render_plaque_cached), second pass. Per-plaque median/p90/p99/max, total, mean size.
# HX_BENCH_RUNS (3) runs; the table shows the run with the median PNG total. About 4 × 40 s.
# Usage: bench/plaques.sh   (env: HX_BUILD, HX_PLAQUES, HX_BENCH_RUNS, HX_BENCH_KEEP)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench=$HX_BUILD/bench/plaques_bench
[[ -x $bench ]] || hx_die "$bench missing: cmake --build build/release"
count=${HX_PLAQUES:-1500}
runs=${HX_BENCH_RUNS:-3}
hx_begin
started=$SECONDS
machine_before=$(hx_machine)
hx_log "$machine_before"
for ((run = 1; run <= runs; run++)); do
    hx_log "run $run: $count plaques × PNG, PDF, PNG through the cache"
    hx_run_bounded $((count + 120)) "$hx_tmp/run.$run.txt" \
        /usr/bin/time -v "$bench" "$count" --cached ||
        { cat "$hx_tmp/run.$run.txt" >&2; hx_die "plaques_bench failed"; }
done

echo
echo "## bench/plaques.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$machine_before"
echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg); $count plaques, $runs runs, one thread"
echo
python3 - "$hx_tmp" "$runs" <<'PY'
import json, re, statistics, sys
tmp, runs = sys.argv[1], int(sys.argv[2])
results = []
for run in range(1, runs + 1):
    text = open(f"{tmp}/run.{run}.txt").read()
    data = json.loads(next(l for l in text.splitlines() if l.startswith("{")))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    results.append((data, peak))
results.sort(key=lambda r: r[0]["png"]["total_ms"])
data, _ = results[len(results) // 2]
peaks = [p for _, p in results]
print("| format | plaques | median ms | p90 ms | p99 ms | max ms | total s | mean size |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for key, name in (("png", "PNG"), ("pdf", "PDF"), ("png_cached", "PNG, cached (2nd reader)")):
    d = data[key]
    print(f"| {name} | {d['plaques']:,} | {d['median_ms']:.3f} | {d['p90_ms']:.3f} | {d['p99_ms']:.3f} "
          f"| {d['max_ms']:.2f} | {d['total_ms'] / 1000:.2f} | {d['mean_bytes'] / 1024:.1f} KiB |")
print()
print(f"peak memory (VmHWM of the whole process, /usr/bin/time -v), median of {runs}: "
      f"{statistics.median(peaks):.1f} MiB (min–max {min(peaks):.1f}–{max(peaks):.1f}); "
      f"the plaque cache is bounded to 32 MiB")
print(f"PNG medians of the {runs} runs: " +
      ", ".join(f"{r[0]['png']['median_ms']:.2f}" for r in results) + " ms; PDF: " +
      ", ".join(f"{r[0]['pdf']['median_ms']:.2f}" for r in results) + " ms")
PY
echo "total time: $((SECONDS - started)) s"
