#!/usr/bin/env bash
# fuzz/sanitizers.sh [SECONDS_PER_TARGET] — the sanitizer stage of ./test (issue 10 item 6,
# docs/reliability.md § ASan + UBSan), over the one clang build of preset `fuzz` (ASan + UBSan
# everywhere, libFuzzer instrumentation; `scripts/build.sh fuzz` builds it):
#  1. every libFuzzer target for SECONDS_PER_TARGET (default 60), two at a time (fuzz/run.sh);
#  2. the unit tests and the integration tests on SQLite and, when HUIXING_TEST_PG_URL is set, on
#     PostgreSQL (ctest labels unit, integration, integration-pg), their `huixing` processes built
#     with the sanitizers too.
# Any sanitizer report fails the stage: a test process exits non-zero on it, and every report of
# every process (servers included, whose exit status the tests do not see) is written to
# build/fuzz/sanitizer-logs/, which must stay empty.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
started=$(date +%s)

echo "==> 模糊测试：每个目标 ${seconds} 秒，${HX_FUZZ_PARALLEL:-2} 个同时跑"
fuzz/run.sh "$seconds"
fuzzed=$(date +%s)

# A UBSan finding aborts (-fno-sanitize-recover) as an ASan one does. The leak checker stays on;
# fuzz/lsan.supp may name leaks of third-party libraries only, never ours. Every process writes
# its report, if any, to DIR/asan.PID or DIR/ubsan.PID.
sanitizer_env() {
  export ASAN_OPTIONS="log_path=$1/asan:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
  export UBSAN_OPTIONS="log_path=$1/ubsan:print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0"
}

# Negative control: a heap overflow, a signed overflow and a leak in a process whose exit status
# is ignored (as a server's is) must each leave its report, or the stage could not fail.
echo "==> 反向对照：故意的堆越界、有符号溢出与内存泄漏必须留下报告"
control=$PWD/build/fuzz/sanitizer-control
for fault in "heap:heap-buffer-overflow" "ub:signed integer overflow" "leak:detected memory leaks"; do
  rm -rf "$control"
  mkdir -p "$control"
  (sanitizer_env "$control"; build/fuzz/fuzz/hx_sanitizer_canary "${fault%%:*}" >/dev/null 2>&1 || true)
  if ! grep -qs "${fault#*:}" "$control"/*; then
    echo "反向对照失败：${fault%%:*} 没有在 $control 留下“${fault#*:}”报告" >&2
    exit 1
  fi
done
rm -rf "$control"

logs=$PWD/build/fuzz/sanitizer-logs
rm -rf "$logs"
mkdir -p "$logs"
echo "==> 单元测试与集成测试（ASan + UBSan）"
sanitizer_env "$logs"
status=0
ctest --test-dir build/fuzz --output-on-failure -j "$(nproc)" --timeout 600 \
  -L '^(unit|integration|integration-pg)$' || status=1
if [ -n "$(ls -A "$logs")" ]; then
  echo "ASan/UBSan 报告了问题（build/fuzz/sanitizer-logs/）：" >&2
  for log in "$logs"/*; do echo "--- $log" >&2; head -60 "$log" >&2; done
  status=1
fi
echo "==> 模糊测试 $(( fuzzed - started )) 秒，ASan + UBSan 下的测试 $(( $(date +%s) - fuzzed )) 秒"
exit $status
