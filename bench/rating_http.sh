#!/usr/bin/env bash
# Scenario 3 of docs/performance.md: POST /api/v1/rating/evaluate (a body of 40 indicator codes
# of bj-construction) against the authenticated region read (a small JSON read from the
# database) and, for information, GET /api/v1/standards (micro-cached since), on the same
# server in the same run: wrk -t2 -c32 -d${HX_BENCH_DURATION:-5}s --latency, HX_BENCH_RUNS (3)
# runs of each, alternating; medians and the ratio evaluate/standards. Goal: >= 1.
# Both routes must answer 200 first, or the script stops and says which did not.
# Usage: bench/rating_http.sh   (env: HX_BUILD, HX_BENCH_DURATION, HX_BENCH_RUNS, HX_BENCH_KEEP)
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
hx_init_demo "$db_dir"
hx_start_huixing "$db_dir"
base="http://127.0.0.1:$HX_PORT"

# 40 of the 80 codes (the odd ones), a community at ★★★ that claims 作用发挥好.
body=$hx_tmp/evaluate.json
python3 - "$body" <<'EOF'
import json, sys
codes = [str(n) for n in range(1, 81, 2)]
with open(sys.argv[1], "w") as f:
    json.dump({"standard_id": "bj-construction", "achieved": codes, "current_star": 3,
               "effective": True}, f)
EOF

check() {  # check LABEL curl-arguments...: the route must answer 200
    local label=$1 status
    shift
    status=$(curl -s --max-time 10 -o "$hx_tmp/check.out" -w '%{http_code}' "$@")
    if [[ $status != 200 ]]; then
        hx_log "$label answered $status: $(head -c 400 "$hx_tmp/check.out")"
        hx_die "$label is not ready (rebuild: cmake --build build/release, and run again)"
    fi
    hx_log "$label: 200, $(stat -c %s "$hx_tmp/check.out") bytes"
}
token=$(hx_sign_in "$db_dir" "$HX_PORT" city_social)
auth="Authorization: Bearer $token"
region_path='/api/v1/regions/110101001?page_size=20'
check "GET /api/v1/standards" "$base/api/v1/standards"
check "GET $region_path" -H "$auth" "$base$region_path"
check "POST /api/v1/rating/evaluate" -X POST -H 'Content-Type: application/json' \
    --data-binary "@$body" "$base/api/v1/rating/evaluate"
evaluate_bytes=$(stat -c %s "$hx_tmp/check.out")
standards_bytes=$(curl -s --max-time 10 "$base/api/v1/standards" | wc -c)

export HX_WRK_PIDS=$HX_PID
results=$hx_tmp/results.tsv
: >"$results"
for ((run = 1; run <= runs; run++)); do
    if ((run % 2 == 1)); then order=(evaluate standards region); else order=(region standards evaluate); fi
    for label in "${order[@]}"; do
        if [[ $label == evaluate ]]; then
            HX_WRK_BODY_FILE=$body hx_wrk "$results" evaluate huixing "$run" \
                "$base/api/v1/rating/evaluate"
        elif [[ $label == region ]]; then
            hx_wrk "$results" region huixing "$run" "$base$region_path" -H "$auth"
        else
            hx_wrk "$results" standards huixing "$run" "$base/api/v1/standards"
        fi
    done
done

if [[ -n ${HX_BENCH_OUT:-} ]]; then
    mkdir -p "$HX_BENCH_OUT"
    cp -r "$results" "$hx_tmp/wrk" "$HX_BENCH_OUT/"
fi

echo
echo "## bench/rating_http.sh — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "$machine_before"
echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c32 -d${HX_BENCH_DURATION}s --latency, $runs runs per side"
echo "request: $(stat -c %s "$body") B body of 40 codes → $evaluate_bytes B; standards list $standards_bytes B"
echo
python3 "$HX_BENCH_DIR/wrk_summary.py" "$results" \
    "evaluate vs a scoped database read (the platform's small JSON read)|evaluate|huixing|region|huixing|1.0" \
    "evaluate vs the micro-cached public catalogue (information)|evaluate|huixing|standards|huixing|1.0"
echo
echo "total time: $((SECONDS - started)) s"
