#!/usr/bin/env bash
# Browser tests of the console (tests/e2e/specs/*.test.mjs): playwright-core drives Debian's
# /usr/bin/chromium against a real `huixing serve` on a fresh demo database.
#
#   tests/e2e/run.sh                 # from anywhere; the repository root is found from here
#   tests/e2e/run.sh specs/users.test.mjs   # some spec files only (paths relative to tests/e2e)
#
# Needs build/release/src/huixing (cmake --build build/release) and web/dist (built here with
# `npm ci && npm run build` in web/ when missing). Installs its own npm packages from
# package-lock.json (npm ci) when they are missing. Never downloads a browser.
# Environment: HUIXING_BIN overrides the server binary; HX_CHROMIUM the browser.
# Prints "N passed, M failed[, K skipped]" last and exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${HUIXING_BIN:-$root/build/release/src/huixing}"
web_root="$root/web/dist"
chromium="${HX_CHROMIUM:-/usr/bin/chromium}"

fail() {
    echo "e2e: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

[[ -x "$binary" ]] || fail "no server binary at $binary (run: cmake --build build/release)"
[[ -x "$chromium" ]] || fail "no chromium at $chromium (apt-get install chromium)"

if [[ ! -f "$web_root/index.html" ]]; then
    echo "e2e: web/dist is missing; building the console"
    (cd "$root/web" && { [[ -d node_modules ]] || npm ci --no-audit --no-fund; } && npm run build)
fi

if [[ ! -d "$here/node_modules/playwright-core" || ! -d "$here/node_modules/axe-core" ]]; then
    (cd "$here" && npm ci --no-audit --no-fund)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/huixing-e2e.XXXXXX")"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
"$binary" init --db "sqlite:$work/huixing.db" --demo --no-history --logins-file "$work/logins.txt" \
    >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; fail "huixing init --demo failed"; }

"$binary" serve --db "sqlite:$work/huixing.db" --listen 127.0.0.1:0 --port-file "$work/port" \
    --test-clock --web-root "$web_root" >"$work/server.log" 2>&1 &
server_pid=$!

# The server writes the port file once it listens. Bounded: 200 × 0.05 s = 10 s at most.
port=""
for _ in $(seq 1 200); do
    if [[ -s "$work/port" ]]; then
        port="$(tr -dc '0-9' <"$work/port")"
        [[ -n "$port" ]] && break
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "the server exited"; }
    sleep 0.05
done
[[ -n "$port" ]] || { cat "$work/server.log" >&2; fail "no port file after 10 s"; }
echo "e2e: server on 127.0.0.1:$port (pid $server_pid), data in $work"

mkdir -p "$here/screenshots"
rm -f "$here/screenshots/"*.png

specs=("$@")
if [[ ${#specs[@]} -eq 0 ]]; then specs=("$here"/specs/*.test.mjs); fi

status=0
(
    cd "$here"
    # TMPDIR: Playwright's fresh chromium profiles live (and die) inside the work directory.
    HX_BASE_URL="http://127.0.0.1:$port" \
    HX_LOGINS_FILE="$work/logins.txt" \
    HX_SCREENSHOTS="$here/screenshots" \
    TMPDIR="$work" \
        node --test --test-concurrency=1 --test-timeout=120000 \
            --test-reporter=spec --test-reporter-destination=stdout \
            --test-reporter=tap --test-reporter-destination="$work/results.tap" \
            "${specs[@]}"
) || status=$?

count() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$work/results.tap" 2>/dev/null | tail -n 1; }
passed="$(count pass)"
failed="$(count fail)"
skipped="$(count skipped)"
cancelled="$(count cancelled)"
passed="${passed:-0}"
failed=$((${failed:-0} + ${cancelled:-0}))
if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then failed=1; fi
if [[ "$failed" -ne 0 ]]; then
    echo "e2e: server log, requests left out (last 40 lines):"
    grep -v '"event":"access"' "$work/server.log" | tail -n 40 || true
fi
echo "e2e: $((SECONDS - started)) s; screenshots in tests/e2e/screenshots/"
if [[ "${skipped:-0}" -gt 0 ]]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[[ "$failed" -eq 0 ]]
