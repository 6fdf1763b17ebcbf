#!/usr/bin/env bash
# fuzz/run.sh [SECONDS_PER_TARGET] [TARGET…] — builds the libFuzzer targets (preset `fuzz`: clang,
# ASan + UBSan) and fuzzes each for SECONDS_PER_TARGET (default 60) from its committed corpus
# in fuzz/corpus/<target>/. New interesting inputs go to build/fuzz/corpus/<target>/ (merge the
# useful ones into fuzz/corpus by hand); a crash leaves its input in build/fuzz/crashes/ and
# fails the script. Not part of ./test, which only replays the committed corpus
# (ctest -L fuzz). See docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(http_request multipart json_dto xlsx regions_csv); fi

scripts/deps.sh build  # clang and its libFuzzer runtime come with Debian's clang
if [ ! -f build/fuzz/build.ninja ]; then cmake --preset fuzz >/dev/null; fi
cmake --build build/fuzz -j "${HX_FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

mkdir -p build/fuzz/crashes
status=0
for target in "${targets[@]}"; do
  work=build/fuzz/corpus/$target
  mkdir -p "$work"
  echo "==> fuzz_$target：${seconds} 秒"
  if ! build/fuzz/fuzz/fuzz_$target "$work" "fuzz/corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="build/fuzz/crashes/$target-" -print_final_stats=1 2>build/fuzz/$target.log; then
    echo "fuzz_$target 发现崩溃，见 build/fuzz/$target.log 与 build/fuzz/crashes/" >&2
    tail -40 build/fuzz/$target.log >&2
    status=1
  else
    grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' build/fuzz/$target.log | tr '\n' ' '
    echo
  fi
done
exit $status
