#!/usr/bin/env bash
# Scenario 4 of docs/performance.md: 1,500 plaques (HX_PLAQUES) rendered as PNG and as PDF on
# one thread by bench/plaques_bench (render::render_plaque, the renderer the server calls),
# under /usr/bin/time -v for the peak memory; then the first 250 (what the cache holds) through the plaque cache
# (render_plaque_cached), second pass. Per-plaque median/p90/p99/max, total, mean size.
# HX_BENCH_RUNS (3) runs; the table shows the run with the median PNG total. About 3 × 40 s.
# HX_BENCH_BASELINE=PATH: another build's plaques_bench (say, of the commit before a change)
# runs in each run too, right before this one, on the same plaques; a before/after table then
# gives both medians and their ratio, which the load of the machine moves far less than either.
# Usage: bench/plaques.sh   (env: HX_BUILD, HX_PLAQUES, HX_BENCH_RUNS, HX_BENCH_BASELINE,
#        HX_BENCH_KEEP)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench=$HX_BUILD/bench/plaques_bench
[[ -x $bench ]] || hx_die "$bench missing: cmake --build build/release"
baseline=${HX_BENCH_BASELINE:-}
[[ -z $baseline || -x $baseline ]] || hx_die "HX_BENCH_BASELINE=$baseline is not executable"
count=${HX_PLAQUES:-1500}
runs=${HX_BENCH_RUNS:-3}
hx_begin
started=$SECONDS
machine_before=$(hx_machine)
hx_log "$machine_before"
for ((run = 1; run <= runs; run++)); do
    if [[ -n $baseline ]]; then
        hx_log "run $run: the baseline, $count plaques × PNG, PDF"
        hx_run_bounded $((count * 4 + 120)) "$hx_tmp/baseline.$run.txt" \
            /usr/bin/time -v "$baseline" "$count" ||
            { cat "$hx_tmp/baseline.$run.txt" >&2; hx_die "the baseline plaques_bench failed"; }
    fi
    hx_log "run $run: $count plaques × PNG, PDF, PNG through the cache"
    hx_run_bounded $((count * 3 + 300)) "$hx_tmp/run.$run.txt" \
        /usr/bin/time -v "$bench" "$count" --cached ||
        { cat "$hx_tmp/run.$run.txt" >&2; hx_die "plaques_bench failed"; }
done

echo
echo "## bench/plaques.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$machine_before"
echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg); $count plaques, $runs runs, one thread"
echo
python3 - "$hx_tmp" "$runs" "$baseline" <<'PY'
import json, re, statistics, sys
tmp, runs, baseline = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def read(name):
    out = []
    for run in range(1, runs + 1):
        text = open(f"{tmp}/{name}.{run}.txt").read()
        data = json.loads(next(l for l in text.splitlines() if l.startswith("{")))
        peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
        out.append((data, peak))
    return out

results = read("run")
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
render_peaks = [r[0]["render_peak_mib"] for r in results]
print(f"peak memory of rendering (VmHWM after the PNG and PDF passes), median of {runs}: "
      f"{statistics.median(render_peaks):.1f} MiB (min–max {min(render_peaks):.1f}–{max(render_peaks):.1f}); "
      f"of the whole process with the cache pass (/usr/bin/time -v): "
      f"{statistics.median(peaks):.1f} MiB (min–max {min(peaks):.1f}–{max(peaks):.1f}); "
      f"the plaque cache is bounded to 32 MiB")
if baseline:
    before = read("baseline")
    print()
    print(f"Before/after, same plaques, each run the baseline ({baseline}) then this build; "
          f"medians over the {runs} runs:")
    print()
    print("| figure | baseline | this build | ratio (this / baseline) |")
    print("|---|---:|---:|---:|")
    for key, name in (("png", "PNG"), ("pdf", "PDF")):
        for stat, label in (("median_ms", "median ms"), ("p99_ms", "p99 ms")):
            b = statistics.median(r[0][key][stat] for r in before)
            a = statistics.median(r[0][key][stat] for r in results)
            print(f"| {name} {label} | {b:.2f} | {a:.2f} | {a / b:.3f} |")
        b = statistics.median(r[0][key]["mean_bytes"] for r in before) / 1024
        a = statistics.median(r[0][key]["mean_bytes"] for r in results) / 1024
        print(f"| {name} mean size | {b:.1f} KiB | {a:.1f} KiB | {a / b:.3f} |")
    b = statistics.median(p for _, p in before)
    a = statistics.median(r[0]["render_peak_mib"] for r in results)
    print(f"| peak memory of rendering PNG and PDF (VmHWM) | {b:.1f} MiB | {a:.1f} MiB | {a / b:.3f} |")
    print()
print(f"PNG medians of the {runs} runs: " +
      ", ".join(f"{r[0]['png']['median_ms']:.2f}" for r in results) + " ms; PDF: " +
      ", ".join(f"{r[0]['pdf']['median_ms']:.2f}" for r in results) + " ms")
PY
echo "total time: $((SECONDS - started)) s"
