# shellcheck shell=bash
# Helpers shared by the bench scripts: a temp dir, the demo database, huixing and nginx on
# loopback ports chosen by the kernel, bounded wrk runs, and cleanup of every process started.
# Sourced, not run. The scripts that source it set -euo pipefail.

HX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HX_BUILD=${HX_BUILD:-$HX_ROOT/build/release}
HX_BIN=$HX_BUILD/src/huixing
HX_BENCH_DIR=$HX_ROOT/bench

hx_tmp=""
hx_pids=()

hx_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
hx_die() { hx_log "error: $*"; exit 1; }

# Every process we started gets SIGTERM, then SIGKILL after 10 s; the temp dir goes unless
# HX_BENCH_KEEP=1.
hx_cleanup() {
    local pid deadline
    for pid in "${hx_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    deadline=$((SECONDS + 10))
    for pid in "${hx_pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    hx_pids=()
    if [[ -n $hx_tmp && ${HX_BENCH_KEEP:-0} != 1 ]]; then rm -rf "$hx_tmp"; fi
    if [[ -n $hx_tmp && ${HX_BENCH_KEEP:-0} == 1 ]]; then hx_log "kept $hx_tmp"; fi
}

hx_begin() {
    trap hx_cleanup EXIT
    trap 'exit 130' INT TERM
    [[ -x $HX_BIN ]] || hx_die "$HX_BIN missing: cmake --build build/release"
    hx_tmp=$(mktemp -d "${TMPDIR:-/tmp}/hx-bench.XXXXXX")
}

# hx_run_bounded SECONDS OUT COMMAND...: runs COMMAND with a time limit, output to OUT, in the
# background and waited for, so that INT/TERM reach the trap at once (bash defers traps while a
# foreground command runs) and the cleanup stops COMMAND too (timeout relays the signal).
hx_run_bounded() {
    local seconds=$1 out=$2 pid status=0 kept=() p
    shift 2
    timeout "$seconds" "$@" >"$out" 2>&1 &
    pid=$!
    hx_pids+=("$pid")
    wait "$pid" || status=$?
    for p in "${hx_pids[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
    hx_pids=("${kept[@]}")
    return "$status"
}

# Stops one process we started (SIGTERM, then SIGKILL after 10 s) and forgets it.
hx_stop() {
    local pid=$1 deadline=$((SECONDS + 10)) kept=() p
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${hx_pids[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
    hx_pids=("${kept[@]}")
}

hx_machine() {
    printf 'machine: %s cores, %s, %s MiB RAM; load average %s\n' "$(nproc)" \
        "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" \
        "$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)" \
        "$(cut -d' ' -f1-3 /proc/loadavg)"
}

# hx_init_demo DIR [history]: the demo database (Beijing's 7,535 communities, 15 users) in
# DIR/h.db; with "history", also the certification history of docs/demo.md (notices,
# certifications, plaques: what ./run serves), which takes 6–9 s more.
hx_init_demo() {
    local dir=$1 history=--no-history
    [[ ${2:-} == history ]] && history=""
    "$HX_BIN" init --db "sqlite:$dir/h.db" --demo $history --logins-file "$dir/logins.txt" \
        >"$dir/init.log" 2>&1 || { cat "$dir/init.log" >&2; hx_die "huixing init failed"; }
}

# A free loopback port: bound to port 0 and released. Only for nginx, which cannot report
# the port it was given.
hx_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# hx_wait_http URL [SECONDS]: until URL answers 200.
hx_wait_http() {
    local url=$1 deadline=$((SECONDS + ${2:-10}))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url") == 200 ]]; do
        ((SECONDS < deadline)) || hx_die "no 200 from $url"
        sleep 0.02
    done
}

# hx_start_huixing DIR: serves DIR/h.db on 127.0.0.1:0; sets HX_PORT and HX_PID. The log
# (one JSON line per request, as in production) goes to DIR/server.log.
hx_start_huixing() {
    local dir=$1 deadline
    rm -f "$dir/port"
    "$HX_BIN" serve --db "sqlite:$dir/h.db" --listen 127.0.0.1:0 --port-file "$dir/port" \
        >>"$dir/server.log" 2>&1 &
    HX_PID=$!
    hx_pids+=("$HX_PID")
    deadline=$((SECONDS + 10))
    until [[ -s $dir/port ]] && [[ $(tail -c1 "$dir/port") == "" ]]; do
        kill -0 "$HX_PID" 2>/dev/null || { tail -5 "$dir/server.log" >&2; hx_die "huixing exited"; }
        ((SECONDS < deadline)) || hx_die "huixing wrote no port file"
        sleep 0.01
    done
    HX_PORT=$(tr -dc 0-9 <"$dir/port")
    hx_wait_http "http://127.0.0.1:$HX_PORT/healthz"
}

# hx_sign_in DIR PORT USER: prints a bearer token (password from the demo logins file).
hx_sign_in() {
    local dir=$1 port=$2 user=$3 password
    password=$(awk -v u="$user" '$1 == u {print $2; exit}' "$dir/logins.txt")
    [[ -n $password ]] || hx_die "no password for $user in $dir/logins.txt"
    curl -sf --max-time 10 -X POST -H 'Content-Type: application/json' \
        --data "{\"username\":\"$user\",\"password\":\"$password\"}" \
        "http://127.0.0.1:$port/api/v1/session" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

# hx_start_nginx DIR: nginx serving DIR/www (files named as the API paths) with the headers
# huixing sends; sets NGINX_PORT and NGINX_PID. 2 workers for our 2 cores, no access log,
# keep-alive unbounded like huixing's, everything (pid, logs, temp paths) inside DIR.
hx_start_nginx() {
    local dir=$1 user_line=""
    NGINX_PORT=$(hx_free_port)
    mkdir -p "$dir/tmp"
    # As root, nginx's workers would switch to "nobody"; keep them as the current user.
    if ((EUID == 0)); then user_line="user $(id -un) $(id -gn);"; fi
    cat >"$dir/nginx.conf" <<EOF
$user_line
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    server_tokens off;
    etag off;
    sendfile on;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    types { }
    default_type "application/json; charset=utf-8";
    # FILE.gz beside FILE (huixing's own gzip answer) for clients that accept gzip.
    gzip_static on;
    gzip_vary on;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $dir/www;
        location /public/ {
            default_type "text/html; charset=utf-8";
            add_header X-Request-Id \$request_id always;
            add_header X-Content-Type-Options nosniff always;
            add_header Referrer-Policy same-origin always;
            add_header Content-Security-Policy "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'" always;
            add_header X-Frame-Options DENY always;
        }
        location / {
            add_header X-Request-Id \$request_id always;
            add_header X-Content-Type-Options nosniff always;
            add_header Referrer-Policy same-origin always;
            add_header X-Frame-Options DENY always;
        }
        location /api/ {
            add_header X-Request-Id \$request_id always;
            add_header X-Content-Type-Options nosniff always;
            add_header Referrer-Policy same-origin always;
            add_header Content-Security-Policy "default-src 'none'; frame-ancestors 'none'" always;
            add_header Cache-Control no-store always;
            add_header X-Frame-Options DENY always;
        }
    }
}
EOF
    nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/nginx.out" 2>&1 &
    NGINX_PID=$!
    hx_pids+=("$NGINX_PID")
    local deadline=$((SECONDS + 10))
    until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$NGINX_PORT/"; do
        kill -0 "$NGINX_PID" 2>/dev/null || { cat "$dir/nginx.out" "$dir/error.log" >&2; hx_die "nginx exited"; }
        ((SECONDS < deadline)) || hx_die "nginx did not start"
        sleep 0.02
    done
}

# hx_cpu_ticks PID...: user + system CPU time of these processes, in clock ticks.
hx_cpu_ticks() {
    local pid total=0 fields
    for pid in "$@"; do
        # Fields 14 and 15 of /proc/PID/stat, counted after the ")" that ends the name.
        fields=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')
        total=$((total + fields))
    done
    echo "$total"
}

# hx_wrk OUT_TSV LABEL SERVER RUN URL [wrk options...]: one bounded wrk run (-t2 -c32,
# $HX_BENCH_DURATION seconds, --latency) against the server whose processes are listed in
# HX_WRK_PIDS; its full output goes to $hx_tmp/wrk/, one line "label server run req_per_s
# p50_ms p99_ms requests status_errors socket_errors server_cpu_us_per_request" to OUT_TSV.
# CPU per request (server user + system time / requests) depends less on what else runs on
# the machine than req/s does.
hx_wrk() {
    local tsv=$1 label=$2 server=$3 run=$4 url=$5
    shift 5
    local duration=${HX_BENCH_DURATION:-10}
    local out="$hx_tmp/wrk/$label.$server.$run.txt"
    local -a pids
    read -r -a pids <<<"${HX_WRK_PIDS:?HX_WRK_PIDS: the server processes}"
    mkdir -p "$hx_tmp/wrk"
    local ticks_before ticks_after
    ticks_before=$(hx_cpu_ticks "${pids[@]}")
    hx_run_bounded $((duration + 20)) "$out" wrk -t2 -c32 -d"${duration}s" --latency \
        -s "$HX_BENCH_DIR/wrk_report.lua" "$@" "$url" ||
        { cat "$out" >&2; hx_die "wrk failed on $url"; }
    ticks_after=$(hx_cpu_ticks "${pids[@]}")
    local line cpu_us
    line=$(sed -n 's/^HX_RESULT //p' "$out")
    [[ -n $line ]] || { cat "$out" >&2; hx_die "no result line from wrk"; }
    cpu_us=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" \
        '{printf "%.1f", ($4 > 0) ? (t / hz * 1e6 / $4) : 0}' <<<"$line")
    printf '%s\t%s\t%s\t%s %s\n' "$label" "$server" "$run" "$line" "$cpu_us" >>"$tsv"
    hx_log "$label $server run $run: $(awk '{printf "%.0f req/s, p99 %.2f ms, status>=400: %d, socket errors: %d", $1, $3, $5, $6}' <<<"$line"), server CPU $cpu_us us/request"
}

# hx_vm PID: "VmRSS VmHWM" in MiB.
hx_vm() {
    awk '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2} END {printf "%.1f %.1f\n", r / 1024, h / 1024}' "/proc/$1/status"
}
