#!/usr/bin/env bash
# Scenario 1 of docs/performance.md (issue 9 § 1 and issue 2's performance goal): the public
# reads of a notice week against nginx serving byte-identical files, in one run.
#   The demo database with its certification history (notices, certifications, plaques), one
#   huixing, and nginx serving the bytes huixing answered (fetched from it in this run, plain
#   and gzip, checked with cmp). Per target, HX_BENCH_RUNS (3) runs of
#   wrk -t2 -c32 -d${HX_BENCH_DURATION:-5}s --latency on each server, alternating;
#   medians, req/s ratio huixing/nginx (goal >= 0.8) and p99 ratio (goal <= 2).
#   Targets: GET /healthz and GET /api/v1/standards (issue 2: a small JSON read), the notice
#   as JSON and as HTML, the gallery page (plain and with Accept-Encoding: gzip), a
#   verification (JSON). Then the conditional and gzip answers are shown once with curl.
# Loopback only, kernel-chosen ports, every load bounded; about 2.5 minutes with the defaults.
# Usage: bench/public_reads.sh   (env: HX_BUILD, HX_BENCH_DURATION, HX_BENCH_RUNS,
#        HX_BENCH_TARGETS="healthz standards ..." to run a subset, HX_BENCH_KEEP=1)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export HX_BENCH_DURATION=${HX_BENCH_DURATION:-5}
runs=${HX_BENCH_RUNS:-3}

hx_begin
started=$SECONDS
machine_before=$(hx_machine)
hx_log "$machine_before"
db_dir=$hx_tmp/db
mkdir -p "$db_dir"
hx_log "init --demo with the certification history"
hx_init_demo "$db_dir" history
hx_start_huixing "$db_dir"
base="http://127.0.0.1:$HX_PORT"

# A notice and a serial of the history.
read -r notice serial < <(python3 - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
def get(path):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return json.load(r)
notices = get("/api/v1/public/notices")
items = notices["items"] if isinstance(notices, dict) else notices
certs = get("/api/v1/public/certifications")
citems = certs["items"] if isinstance(certs, dict) else certs
n = items[0]
print(n["id"] if "id" in n else n["round"]["id"], citems[0]["serial"])
PY
)
[[ -n $notice && -n $serial ]] || hx_die "no notice or certification in the demo history"
hx_log "notice $notice, serial $serial"

# label path gzip(0/1)
targets_all=(
    "healthz /healthz 0"
    "standards /api/v1/standards 0"
    "notice_json /api/v1/public/notices/$notice 0"
    "notice_html /public/notices/$notice 0"
    "gallery /public/certifications 0"
    "gallery_gzip /public/certifications 1"
    "verify /api/v1/public/verify/$serial 0"
)
wanted=${HX_BENCH_TARGETS:-}
targets=()
for t in "${targets_all[@]}"; do
    label=${t%% *}
    if [[ -z $wanted || " $wanted " == *" $label "* ]]; then targets+=("$t"); fi
done

www=$hx_tmp/nginx/www
sizes=""
for t in "${targets[@]}"; do
    read -r label path gz <<<"$t"
    file=$www$path
    mkdir -p "$(dirname "$file")"
    status=$(curl -s --max-time 10 -o "$file" -w '%{http_code}' "$base$path")
    [[ $status == 200 ]] || { cat "$file" >&2; hx_die "$path answered $status"; }
    if ((gz)); then
        status=$(curl -s --max-time 10 -H 'Accept-Encoding: gzip' -D "$hx_tmp/gz.headers" -o "$file.gz" \
            -w '%{http_code}' "$base$path")
        [[ $status == 200 ]] || hx_die "$path (gzip) answered $status"
        if grep -qi '^content-encoding: gzip' "$hx_tmp/gz.headers"; then
            gunzip -c "$file.gz" | cmp -s - "$file" || hx_die "the gzip answer of $path is not its page"
        else  # a build without compression (an older one, measured for comparison): nginx too
            hx_log "huixing answered $path uncompressed; nginx will too"
            rm -f "$file.gz"
        fi
    fi
done
hx_start_nginx "$hx_tmp/nginx"
nbase="http://127.0.0.1:$NGINX_PORT"
for t in "${targets[@]}"; do
    read -r label path gz <<<"$t"
    enc=()
    ((gz)) && enc=(-H 'Accept-Encoding: gzip')
    curl -s --max-time 10 "${enc[@]}" -o "$hx_tmp/from_nginx" "$nbase$path"
    curl -s --max-time 10 "${enc[@]}" -o "$hx_tmp/from_huixing" "$base$path"
    cmp -s "$hx_tmp/from_nginx" "$hx_tmp/from_huixing" || hx_die "bodies differ for $label"
    h_head=$(curl -s --max-time 10 "${enc[@]}" -o /dev/null -w '%{size_header}' "$base$path")
    n_head=$(curl -s --max-time 10 "${enc[@]}" -o /dev/null -w '%{size_header}' "$nbase$path")
    sizes+="$label ($path): body $(stat -c %s "$hx_tmp/from_nginx") B (identical); headers huixing $h_head B, nginx $n_head B"$'\n'
done

results=$hx_tmp/results.tsv
: >"$results"
nginx_pids="$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"
for ((run = 1; run <= runs; run++)); do
    if ((run % 2 == 1)); then order=(huixing nginx); else order=(nginx huixing); fi
    for t in "${targets[@]}"; do
        read -r label path gz <<<"$t"
        enc=()
        ((gz)) && enc=(-H 'Accept-Encoding: gzip')
        for server in "${order[@]}"; do
            if [[ $server == huixing ]]; then
                export HX_WRK_PIDS=$HX_PID
                hx_wrk "$results" "$label" huixing "$run" "$base$path" "${enc[@]}"
            else
                export HX_WRK_PIDS=$nginx_pids
                hx_wrk "$results" "$label" nginx "$run" "$nbase$path" "${enc[@]}"
            fi
        done
    done
done
read -r rss_after hwm_after < <(hx_vm "$HX_PID")

# The conditional and gzip answers, once, for the record.
gallery_etag=$(curl -s --max-time 10 -D - -o /dev/null "$base/public/certifications" |
    tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
conditional=$(curl -s --max-time 10 -o /dev/null -w '%{http_code} %{size_download}' \
    -H "If-None-Match: $gallery_etag" "$base/public/certifications")
gzip_sizes=$(curl -s --max-time 10 -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$base/public/certifications")
plain_size=$(curl -s --max-time 10 -o /dev/null -w '%{size_download}' "$base/public/certifications")

if [[ -n ${HX_BENCH_OUT:-} ]]; then
    mkdir -p "$HX_BENCH_OUT"
    cp -r "$results" "$hx_tmp/wrk" "$HX_BENCH_OUT/"
fi

echo
echo "## bench/public_reads.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$machine_before"
echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c32 -d${HX_BENCH_DURATION}s --latency, $runs runs per side"
echo
specs=()
for t in "${targets[@]}"; do
    read -r label path gz <<<"$t"
    title="GET $path"
    ((gz)) && title+=" (gzip)"
    specs+=("$title|$label|huixing|$label|nginx|0.8|2")
done
python3 "$HX_BENCH_DIR/wrk_summary.py" "$results" "${specs[@]}"
echo
printf '%s' "$sizes"
echo "gallery: If-None-Match with its ETag → $conditional (status, bytes); gzip $gzip_sizes B against $plain_size B plain"
echo "huixing VmRSS / VmHWM after the load: $rss_after / $hwm_after MiB"
echo "total time: $((SECONDS - started)) s"
