#!/usr/bin/env bash
# Scenario 2 of docs/performance.md: the deadline rush. HX_RUSH_CLIENTS (200) community
# accounts are created through the API (as admin) in a fresh demo database, each signed in;
# the test clock is set to 30 October 20:00 (the last evening before the community deadline);
# city_social opens a round of bj-construction. Then bench/rush_bench starts every client at
# once: create the application, save an assessment of all 80 indicators, upload
# HX_RUSH_EVIDENCE (1 MiB) of evidence, submit. Beside it, in the same run and on the same
# disk, bench/sqlite_commit_bench measures the raw SQLite commit rate of the same writes
# (WAL, synchronous=FULL, one transaction per row, rows of the same sizes), before and after
# the rush; the ratio rush writes/s ÷ raw commits/s is the figure.
# Goals: zero errors, p99 < 500 ms, writes/s ≥ 0.5 × raw. About 40 s (most of it sign-ins).
# Usage: bench/rush.sh   (env: HX_BUILD, HX_RUSH_CLIENTS, HX_RUSH_EVIDENCE, HX_BENCH_KEEP,
#        HX_RUSH_PROFILE=perf|strace and HX_RUSH_PROFILE_OUT=FILE: attach `perf record -g` or
#        `strace -c -f -e trace=fsync,fdatasync` to the server for the timed rush only; the
#        figures of such a run are slowed by the tracer and are not the ones to quote)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

clients=${HX_RUSH_CLIENTS:-200}
evidence=${HX_RUSH_EVIDENCE:-1048576}
rush=$HX_BUILD/bench/rush_bench
raw=$HX_BUILD/bench/sqlite_commit_bench
[[ -x $rush && -x $raw ]] || hx_die "$rush or $raw missing: cmake --build build/release"
hx_begin
started=$SECONDS
machine_before=$(hx_machine)
hx_log "$machine_before"
db_dir=$hx_tmp/db
mkdir -p "$db_dir"
hx_init_demo "$db_dir"
# The test clock: the rush happens on the evening before the deadline.
rm -f "$db_dir/port"
"$HX_BIN" serve --db "sqlite:$db_dir/h.db" --listen 127.0.0.1:0 --port-file "$db_dir/port" \
    --test-clock >>"$db_dir/server.log" 2>&1 &
HX_PID=$!
hx_pids+=("$HX_PID")
for _ in $(seq 500); do [[ -s $db_dir/port ]] && break; sleep 0.02; done
HX_PORT=$(tr -dc 0-9 <"$db_dir/port")
hx_wait_http "http://127.0.0.1:$HX_PORT/healthz"

hx_log "setting up $clients community accounts, their sign-ins and an open round"
round=$(python3 - "http://127.0.0.1:$HX_PORT" "$db_dir/logins.txt" "$HX_ROOT/data/beijing-divisions.csv" \
    "$clients" "$hx_tmp/clients.txt" <<'PY'
import csv, json, sys, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor
base, logins, divisions, n, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
passwords = dict(line.split()[:2] for line in open(logins) if len(line.split()) >= 2)

def call(method, path, body=None, token=None, expect=(200, 201)):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {path}: {e.code} {e.read().decode()[:300]}")

def sign_in(user, password):
    return call("POST", "/api/v1/session", {"username": user, "password": password})["token"]

admin = sign_in("admin", passwords["admin"])
call("PUT", "/api/v1/system/clock", {"now": "2026-10-30T20:00:00+08:00"}, admin)
city = sign_in("city_social", passwords["city_social"])
round_id = call("POST", "/api/v1/rounds", {"year": 2026, "kind": "annual", "standard_id": "bj-construction"}, city)["id"]
call("POST", f"/api/v1/rounds/{round_id}/open", None, city)
codes = [row["community_code"] for row in csv.DictReader(open(divisions, encoding="utf-8"))
         if row["community_code"] != "110101001001"]
step = max(1, len(codes) // n)
codes = codes[::step][:n]
password = "Rush-Deadline#2026"

def make(i_code):
    i, code = i_code
    user = f"rush{i:04d}"
    call("POST", "/api/v1/users", {"username": user, "password": password, "name": f"压力测试{i}",
                                   "role": "community", "org_code": code}, admin)
    return code, sign_in(user, password)

with ThreadPoolExecutor(4) as pool:
    pairs = list(pool.map(make, enumerate(codes)))
with open(out, "w") as f:
    for code, token in pairs:
        f.write(f"{code} {token}\n")
print(round_id)
PY
)
[[ $(wc -l <"$hx_tmp/clients.txt") -eq $clients ]] || hx_die "only $(wc -l <"$hx_tmp/clients.txt") clients"

raw_run() {  # the raw commit rate, on the disk of the database
    "$raw" "$db_dir" "$clients" 1024 "$evidence"
}
hx_log "raw SQLite commit rate (before)"
raw_before=$(raw_run)
load_rush=$(cut -d' ' -f1-3 /proc/loadavg)
hx_log "rush: $clients clients at once"
profiler=""
case ${HX_RUSH_PROFILE:-} in
    "") ;;
    perf) perf record -g -o "${HX_RUSH_PROFILE_OUT:?}" -p "$HX_PID" 2>>"$db_dir/profile.log" &
          profiler=$! ;;
    strace) strace -c -f -e trace=fsync,fdatasync -o "${HX_RUSH_PROFILE_OUT:?}" -p "$HX_PID" \
                2>>"$db_dir/profile.log" &
            profiler=$! ;;
    *) hx_die "HX_RUSH_PROFILE: perf or strace, not '$HX_RUSH_PROFILE'" ;;
esac
[[ -n $profiler ]] && sleep 1  # the tracer attaches before the clients start
rush_status=0
hx_run_bounded 300 "$hx_tmp/rush.json" "$rush" "$HX_PORT" "$round" "$hx_tmp/clients.txt" "$evidence" ||
    rush_status=$?
if [[ -n $profiler ]]; then
    kill -INT "$profiler" 2>/dev/null || true
    wait "$profiler" || true
    hx_log "profile in $HX_RUSH_PROFILE_OUT"
fi
hx_log "raw SQLite commit rate (after)"
raw_after=$(raw_run)
read -r rss hwm < <(hx_vm "$HX_PID")

echo
echo "## bench/rush.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$machine_before"
echo "load average at the rush: $load_rush; after: $(cut -d' ' -f1-3 /proc/loadavg); $clients clients, evidence $evidence B each"
echo
python3 - "$hx_tmp/rush.json" "$raw_before" "$raw_after" "$rss" "$hwm" "$rush_status" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
line = next((l for l in text.splitlines() if l.startswith("{")), None)
if line is None:
    print("rush_bench printed no result:\n" + text)
    sys.exit(1)
rush = json.loads(line)
raw = [json.loads(sys.argv[2]), json.loads(sys.argv[3])]
raw_rate = sum(r["commits_per_s"] for r in raw) / 2
ratio = rush["writes_per_s"] / raw_rate
a = rush["all"]
print("| step | requests | errors | p50 ms | p90 ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, s in list(rush["steps"].items()) + [("all", a)]:
    print(f"| {name} | {s['requests']} | {s['errors']} | {s['p50_ms']:.1f} | {s['p90_ms']:.1f} "
          f"| {s['p99_ms']:.1f} | {s['max_ms']:.1f} |")
print()
ok = lambda b: "yes" if b else "**no**"
print("| figure | value | goal | met |")
print("|---|---:|---:|---|")
print(f"| errors | {a['errors']} of {a['requests']} requests; {rush['submitted']} of {rush['clients']} submitted | 0 | {ok(a['errors'] == 0 and rush['submitted'] == rush['clients'])} |")
print(f"| p99 over all requests | {a['p99_ms']:.0f} ms | < 500 ms | {ok(a['p99_ms'] < 500)} |")
print(f"| acknowledged writes/s (wall {rush['wall_s']:.2f} s) | {rush['writes_per_s']:.0f} | | |")
print(f"| raw SQLite commits/s, same rows (before {raw[0]['commits_per_s']:.0f}, after {raw[1]['commits_per_s']:.0f}) | {raw_rate:.0f} | | |")
print(f"| **writes/s ÷ raw commits/s** | **{ratio:.2f}** | ≥ 0.5 | {ok(ratio >= 0.5)} |")
print()
print(f"server VmRSS / VmHWM after the rush: {sys.argv[4]} / {sys.argv[5]} MiB; rush_bench exit status {sys.argv[6]}")
PY
echo "total time: $((SECONDS - started)) s"
# An error answer is a failure, not a slow figure: the smoke test (ctest -L bench) sees it.
((rush_status == 0)) || hx_die "rush_bench reported errors (exit status $rush_status)"
