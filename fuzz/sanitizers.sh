#!/usr/bin/env bash
# fuzz/sanitizers.sh [SECONDS_PER_TARGET] — the sanitizer stage of ./test (issue 10 item 6,
# docs/reliability.md), over the one clang build of preset `fuzz` (ASan + UBSan everywhere,
# libFuzzer instrumentation; `scripts/build.sh fuzz` builds it):
#  1. every libFuzzer target for SECONDS_PER_TARGET (default 60), two at a time (fuzz/run.sh);
#  2. the unit tests and the integration tests on SQLite (ctest labels unit and integration),
#     their `huixing serve` processes built with the sanitizers too.
# Any sanitizer report fails the stage: the test processes abort on it, and every report of every
# process (servers included, whose exit the tests do not see) is written to
# build/fuzz/sanitizer-logs/, which must stay empty.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
started=$(date +%s)

echo "==> 模糊测试：每个目标 ${seconds} 秒，两个同时跑"
fuzz/run.sh "$seconds"
fuzzed=$(date +%s)

logs=$PWD/build/fuzz/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
echo "==> 单元测试与 SQLite 集成测试（ASan + UBSan）"
# halt_on_error: a UBSan finding stops the process as an ASan one does. The leak checker stays on;
# fuzz/lsan.supp names the leaks of system libraries (fontconfig, pango) that are not ours.
export ASAN_OPTIONS="log_path=$logs/asan:abort_on_error=0:detect_leaks=1:strict_string_checks=1"
export UBSAN_OPTIONS="log_path=$logs/ubsan:print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp"
status=0
ctest --test-dir build/fuzz --output-on-failure -j "$(nproc)" --timeout 600 -L '^(unit|integration)$' || status=1
if [ -n "$(ls -A "$logs")" ]; then
  echo "ASan/UBSan 报告了问题（build/fuzz/sanitizer-logs/）：" >&2
  for log in "$logs"/*; do echo "--- $log" >&2; head -60 "$log" >&2; done
  status=1
fi
echo "==> 模糊测试 $(( fuzzed - started )) 秒，ASan + UBSan 下的测试 $(( $(date +%s) - fuzzed )) 秒"
exit $status
