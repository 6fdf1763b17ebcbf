#!/usr/bin/env bash
# Scenario 5 of docs/performance.md: cold start and resident memory with the Beijing demo
# data as ./run serves it (init --demo with the certification history).
#   Cold start: bench/cold_start.py, HX_COLD_RUNS (15) × exec of `huixing serve` to the first
#   200 of /healthz; the median, min and max, and VmRSS/VmHWM right after each start.
#   Then one server, read through every public page kind once (home, standards, notices,
#   gallery, a notice, a verification, a plaque PNG and PDF) and its VmRSS/VmHWM again, split
#   into anonymous and file-backed pages (both count in RSS), and the files whose pages are
#   resident (/proc/PID/smaps), largest first. Then HX_BURST_PLAQUES (40) plaques nobody read
#   yet, as PNG and PDF from 8 connections at once, and VmRSS/VmHWM once more.
# Goals: cold start < 0.5 s, resident memory < 100 MB. About 25 s.
# Usage: bench/start_size.sh   (env: HX_BUILD, HX_COLD_RUNS, HX_BENCH_KEEP; HX_BENCH_HISTORY=0
#        starts from the demo without history, which is faster to make)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cold_runs=${HX_COLD_RUNS:-15}
hx_begin
started=$SECONDS
machine_before=$(hx_machine)
hx_log "$machine_before"
db_dir=$hx_tmp/db
mkdir -p "$db_dir"
history=history
[[ ${HX_BENCH_HISTORY:-1} == 0 ]] && history=""
hx_init_demo "$db_dir" $history
db_bytes=$(stat -c %s "$db_dir/h.db")

hx_log "cold start: $cold_runs runs"
hx_run_bounded $((cold_runs * 25)) "$hx_tmp/cold.json" \
    python3 "$HX_BENCH_DIR/cold_start.py" "$HX_BIN" "$db_dir/h.db" "$hx_tmp" "$cold_runs" ||
    { cat "$hx_tmp/cold.json" >&2; hx_die "cold start failed"; }
grep '^  cold start' "$hx_tmp/cold.json" >&2 || true
cold_json=$(grep -v '^  cold start' "$hx_tmp/cold.json")

hx_start_huixing "$db_dir"
base="http://127.0.0.1:$HX_PORT"
read -r rss_start hwm_start < <(hx_vm "$HX_PID")
paths=$(python3 - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
def get(path):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return json.load(r)
paths = ["/", "/public/standards", "/public/notices", "/public/certifications", "/api/v1/standards"]
notices = get("/api/v1/public/notices")
items = notices["items"] if isinstance(notices, dict) else notices
if items:
    nid = items[0]["id"] if "id" in items[0] else items[0]["round"]["id"]
    paths += [f"/public/notices/{nid}", f"/api/v1/public/notices/{nid}"]
certs = get("/api/v1/public/certifications")
citems = certs["items"] if isinstance(certs, dict) else certs
if citems:
    s = citems[0]["serial"]
    paths += [f"/public/verify/{s}", f"/public/plaques/{s}.png", f"/public/plaques/{s}.pdf"]
print(" ".join(paths))
PY
)
read_failures=0
for path in $paths; do
    status=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' "$base$path")
    [[ $status == 200 ]] || { hx_log "$path answered $status"; read_failures=$((read_failures + 1)); }
done
read -r rss_read hwm_read < <(hx_vm "$HX_PID")
# Anonymous memory (heap) against file-backed pages (the binary, fonts mapped by pango).
rss_split=$(awk '/^RssAnon|^RssFile|^RssShmem/ {printf "%s %.1f MiB; ", $1, $2 / 1024}' "/proc/$HX_PID/status")
# Where the file-backed pages are: resident MiB per mapped file (all its mappings), the largest.
rss_files=$(python3 - "/proc/$HX_PID/smaps" <<'PY'
import collections, sys
rss, size, maps, name = collections.Counter(), collections.Counter(), collections.Counter(), None
for line in open(sys.argv[1]):
    parts = line.split()
    if "-" in parts[0] and not parts[0].endswith(":"):
        name = parts[5] if len(parts) >= 6 and parts[5].startswith("/") else None
        if name: maps[name] += 1
    elif name and parts[0] in ("Rss:", "Size:"):
        (rss if parts[0] == "Rss:" else size)[name] += int(parts[1])
for path, kib in rss.most_common(6):
    print(f"  {kib / 1024:.1f} MiB resident of {size[path] / 1024:.1f} MiB mapped ({maps[path]} maps): {path}")
PY
)

# Then plaques that nobody read yet, as PNG and PDF, from 8 connections at once (every one a
# cache miss, rendered on the workers side by side): what the fonts and the rendering leave
# resident when many plaques are asked for at once, as on the day a notice is published.
burst_serials=$(curl -s --max-time 30 "$base/api/v1/public/certifications?page=2&page_size=${HX_BURST_PLAQUES:-40}" |
    python3 -c 'import json, sys; print(" ".join(i["serial"] for i in json.load(sys.stdin)["items"]))')
burst_count=$(wc -w <<<"$burst_serials")
burst_failures=$(for s in $burst_serials; do echo "$base/public/plaques/$s.png"; echo "$base/public/plaques/$s.pdf"; done |
    xargs -r -P 8 -n 1 curl -s --max-time 120 -o /dev/null -w '%{http_code}\n' | grep -vc '^200$' || true)
read -r rss_burst hwm_burst < <(hx_vm "$HX_PID")
burst_split=$(awk '/^RssAnon|^RssFile/ {printf "%s %.1f MiB; ", $1, $2 / 1024}' "/proc/$HX_PID/status")

echo
echo "## bench/start_size.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$machine_before"
echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg); database $(awk -v b="$db_bytes" 'BEGIN {printf "%.1f MiB", b / 1048576}') (demo${history:+ with history})"
echo
python3 - "$cold_json" "$rss_start" "$hwm_start" "$rss_read" "$hwm_read" "$paths" "$read_failures" \
    "$rss_burst" "$hwm_burst" "$burst_count" "$burst_failures" <<'PY'
import json, sys
cold = json.loads(sys.argv[1])
rss_start, hwm_start, rss_read, hwm_read = map(float, sys.argv[2:6])
pages = len(sys.argv[6].split())
failures = int(sys.argv[7])
rss_burst, hwm_burst = map(float, sys.argv[8:10])
burst, burst_failures = int(sys.argv[10]), int(sys.argv[11])
ok = lambda b: "yes" if b else "no"
print("| figure | value | goal | met |")
print("|---|---:|---:|---|")
print(f"| cold start, exec → first 200 of /healthz (median of {cold['runs']}; min–max "
      f"{cold['min_ms']:.0f}–{cold['max_ms']:.0f} ms) | {cold['median_ms']:.0f} ms | < 500 ms "
      f"| {ok(cold['median_ms'] < 500)} |")
print(f"| VmRSS / VmHWM right after start (median of the cold starts) | {cold['rss_mib']:.1f} / "
      f"{cold['hwm_mib']:.1f} MiB | < 100 MB | {ok(cold['hwm_mib'] * 1.048576 < 100)} |")
print(f"| VmRSS / VmHWM of one server after start | {rss_start:.1f} / {hwm_start:.1f} MiB "
      f"| < 100 MB | {ok(hwm_start * 1.048576 < 100)} |")
print(f"| VmRSS / VmHWM after one read of {pages} public pages and files ({failures} not 200) "
      f"| {rss_read:.1f} / {hwm_read:.1f} MiB | < 100 MB | {ok(hwm_read * 1.048576 < 100 and not failures)} |")
if burst:
    print(f"| VmRSS / VmHWM after {burst} more plaques as PNG and PDF from 8 connections at once "
          f"({burst_failures} not 200) | {rss_burst:.1f} / {hwm_burst:.1f} MiB | < 100 MB "
          f"| {ok(hwm_burst * 1.048576 < 100 and not burst_failures)} |")
PY
echo "after the reads: $rss_split after the plaques from 8 connections: $burst_split"
echo "file-backed pages after the reads, by file (the largest):"
echo "$rss_files"
echo "total time: $((SECONDS - started)) s"
