#!/usr/bin/env bash
# Scenario 1 of docs/performance.md: the platform against nginx, in one run.
#   (a) cold start of `huixing serve` with Beijing's data: exec to the first 200 of /healthz,
#       median of HX_COLD_RUNS (15) runs; VmRSS/VmHWM after start and after the load.
#   (b) wrk -t2 -c32 -d10s --latency, huixing vs nginx serving byte-identical bodies with
#       similar headers: GET /healthz; GET /api/v1/standards (public, small JSON); GET
#       /api/v1/regions/110101001?page_size=20 with a bearer token. HX_BENCH_RUNS (3) runs of
#       each, huixing and nginx alternating; medians and the ratio huixing/nginx.
# Loopback only, kernel-chosen ports, every load bounded; about 3.5 minutes with the defaults.
# Usage: bench/platform.sh   (env: HX_BUILD, HX_BENCH_DURATION, HX_BENCH_RUNS, HX_COLD_RUNS,
#                              HX_BENCH_KEEP=1 keeps the temp dir with every raw output)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs=${HX_BENCH_RUNS:-3}
cold_runs=${HX_COLD_RUNS:-15}
region_path='/api/v1/regions/110101001?page_size=20'

hx_begin
started=$SECONDS
machine_before=$(hx_machine)
hx_log "$machine_before"
db_dir=$hx_tmp/db
mkdir -p "$db_dir"
hx_init_demo "$db_dir"

# (a) Cold start, on a database that init has just written (warm page cache).
hx_log "cold start: $cold_runs runs"
hx_run_bounded $((cold_runs * 25)) "$hx_tmp/cold.json" \
    python3 "$HX_BENCH_DIR/cold_start.py" "$HX_BIN" "$db_dir/h.db" "$hx_tmp" "$cold_runs" ||
    { cat "$hx_tmp/cold.json" >&2; hx_die "cold start failed"; }
grep -v '^  cold start' "$hx_tmp/cold.json" >"$hx_tmp/cold.summary"
grep '^  cold start' "$hx_tmp/cold.json" >&2 || true
cold_json=$(cat "$hx_tmp/cold.summary")

# (b) One huixing for the load, and the bytes it answers, for nginx to serve.
hx_start_huixing "$db_dir"
base="http://127.0.0.1:$HX_PORT"
read -r rss_start hwm_start < <(hx_vm "$HX_PID")
token=$(hx_sign_in "$db_dir" "$HX_PORT" city_social)
auth="Authorization: Bearer $token"

www=$hx_tmp/nginx/www
mkdir -p "$www/api/v1/regions"
capture() {  # capture URL FILE [curl options]: the body of a 200, or die
    local url=$1 file=$2 status
    shift 2
    status=$(curl -s --max-time 10 -o "$file" -w '%{http_code}' "$@" "$url")
    [[ $status == 200 ]] || { cat "$file" >&2; hx_die "$url answered $status"; }
}
capture "$base/healthz" "$www/healthz"
capture "$base/api/v1/standards" "$www/api/v1/standards"
capture "$base$region_path" "$www/api/v1/regions/110101001" -H "$auth"

hx_start_nginx "$hx_tmp/nginx"
nbase="http://127.0.0.1:$NGINX_PORT"

# Same bytes, similar headers: check, and show the header sizes.
sizes=""
for path in /healthz /api/v1/standards "$region_path"; do
    curl -s --max-time 10 -o "$hx_tmp/from_nginx" "$nbase$path"
    curl -s --max-time 10 -o "$hx_tmp/from_huixing" -H "$auth" "$base$path"
    cmp -s "$hx_tmp/from_nginx" "$hx_tmp/from_huixing" || hx_die "bodies differ for $path"
    h_head=$(curl -s --max-time 10 -o /dev/null -w '%{size_header}' -H "$auth" "$base$path")
    n_head=$(curl -s --max-time 10 -o /dev/null -w '%{size_header}' "$nbase$path")
    sizes+="$path: body $(stat -c %s "$hx_tmp/from_nginx") B (identical); headers huixing $h_head B, nginx $n_head B"$'\n'
done

results=$hx_tmp/results.tsv
: >"$results"
for ((run = 1; run <= runs; run++)); do
    # Alternate which server goes first, so that drift on a shared machine cancels out.
    if ((run % 2 == 1)); then order=(huixing nginx); else order=(nginx huixing); fi
    for server in "${order[@]}"; do
        if [[ $server == huixing ]]; then
            url=$base
            export HX_WRK_PIDS=$HX_PID
        else
            url=$nbase
            HX_WRK_PIDS="$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"
            export HX_WRK_PIDS
        fi
        hx_wrk "$results" healthz "$server" "$run" "$url/healthz"
        hx_wrk "$results" standards "$server" "$run" "$url/api/v1/standards"
        hx_wrk "$results" region "$server" "$run" "$url$region_path" -H "$auth"
    done
done
read -r rss_after hwm_after < <(hx_vm "$HX_PID")

# (c) Sign-in verifies an argon2id hash (libsodium's INTERACTIVE limits: 64 MiB each), so the
# peak memory is that of the sign-ins running at once: as many as the worker pool (the
# server's default, max(4, 2 × cores)).
workers=$(($(nproc) * 2 > 4 ? $(nproc) * 2 : 4))
password=$(awk '$1 == "city_social" {print $2; exit}' "$db_dir/logins.txt")
signin_pids=()
signin_start=$(date +%s%N)
for ((i = 0; i < workers; i++)); do
    curl -s --max-time 30 -o /dev/null -w '%{http_code}\n' -X POST \
        -H 'Content-Type: application/json' \
        --data "{\"username\":\"city_social\",\"password\":\"$password\"}" \
        "$base/api/v1/session" >"$hx_tmp/signin.$i.status" &
    signin_pids+=($!)
done
wait "${signin_pids[@]}" || true
signin_ms=$((($(date +%s%N) - signin_start) / 1000000))
signin_ok=$(cat "$hx_tmp"/signin.*.status | grep -c '^200$' || true)
read -r rss_signin hwm_signin < <(hx_vm "$HX_PID")

if [[ -n ${HX_BENCH_OUT:-} ]]; then
    mkdir -p "$HX_BENCH_OUT"
    cp -r "$results" "$hx_tmp/wrk" "$HX_BENCH_OUT/"
fi

echo
echo "## bench/platform.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$machine_before"
echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c32 -d${HX_BENCH_DURATION:-10}s --latency, $runs runs per side"
echo
python3 - "$cold_json" "$rss_start" "$hwm_start" "$rss_after" "$hwm_after" \
    "$workers" "$signin_ok" "$signin_ms" "$rss_signin" "$hwm_signin" <<'EOF'
import json, sys
cold = json.loads(sys.argv[1])
rss_start, hwm_start, rss_after, hwm_after = map(float, sys.argv[2:6])
ok = lambda b: "yes" if b else "no"
print("| figure | value | goal | met |")
print("|---|---:|---:|---|")
print(f"| cold start, exec → first 200 of /healthz (median of {cold['runs']}; min–max "
      f"{cold['min_ms']:.0f}–{cold['max_ms']:.0f} ms) | {cold['median_ms']:.0f} ms | < 500 ms "
      f"| {ok(cold['median_ms'] < 500)} |")
print(f"| VmRSS / VmHWM right after start (median of the cold starts) | {cold['rss_mib']:.1f} / "
      f"{cold['hwm_mib']:.1f} MiB | < 100 MB | {ok(cold['hwm_mib'] * 1.048576 < 100)} |")
print(f"| VmRSS / VmHWM of the load server after start | {rss_start:.1f} / {hwm_start:.1f} MiB "
      f"| < 100 MB | {ok(hwm_start * 1.048576 < 100)} |")
print(f"| VmRSS / VmHWM of the load server after all the load | {rss_after:.1f} / "
      f"{hwm_after:.1f} MiB | < 100 MB | {ok(hwm_after * 1.048576 < 100)} |")
workers, signed_in, signin_ms = sys.argv[6:9]
rss_signin, hwm_signin = float(sys.argv[9]), float(sys.argv[10])
print(f"| VmRSS / VmHWM after {workers} sign-ins at once ({signed_in} answered 200, all within "
      f"{signin_ms} ms) | {rss_signin:.1f} / {hwm_signin:.1f} MiB | < 100 MB "
      f"| {ok(hwm_signin * 1.048576 < 100)} |")
EOF
echo
python3 "$HX_BENCH_DIR/wrk_summary.py" "$results" \
    "GET /healthz|healthz|huixing|healthz|nginx|0.8" \
    "GET /api/v1/standards (public JSON)|standards|huixing|standards|nginx|0.8" \
    "GET /api/v1/regions/110101001?page_size=20 (bearer)|region|huixing|region|nginx|0.8"
echo
printf '%s' "$sizes"
echo "total time: $((SECONDS - started)) s"
