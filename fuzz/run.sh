#!/usr/bin/env bash
# fuzz/run.sh [SECONDS_PER_TARGET] [TARGET…] — builds the libFuzzer targets (preset `fuzz`: clang,
# ASan + UBSan) and fuzzes each for SECONDS_PER_TARGET (default 60) from its committed corpus
# in fuzz/corpus/<target>/, HX_FUZZ_PARALLEL (default 2) targets at a time. New interesting
# inputs go to build/fuzz/corpus/<target>/ (merge the useful ones into fuzz/corpus by hand); a
# crash leaves its input in build/fuzz/crashes/ and fails the script. ./test runs it for 60 s per
# target (the sanitizer stage, docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(http_request multipart json_dto xlsx regions_csv plaque); fi
parallel=${HX_FUZZ_PARALLEL:-2}

scripts/deps.sh build  # clang and its libFuzzer runtime come with Debian's clang
if [ ! -f build/fuzz/build.ninja ]; then cmake --preset fuzz >/dev/null; fi
cmake --build build/fuzz -j "${HX_FUZZ_JOBS:-2}" --target "${targets[@]/#/fuzz_}"

# The longest input libFuzzer makes up or keeps. Plaques are real files: the PNG and PDF seeds
# are larger than the default, and the seal sits at their end.
max_len() {
  case "$1" in
    plaque) echo 262144 ;;
    *) echo 65536 ;;
  esac
}

fuzz_one() {
  local target=$1 work=build/fuzz/corpus/$1
  mkdir -p "$work"
  if ! build/fuzz/fuzz/fuzz_$target "$work" "fuzz/corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
        -artifact_prefix="build/fuzz/crashes/$target-" -print_final_stats=1 >build/fuzz/$target.log 2>&1; then
    echo "fuzz_$target 发现崩溃，见 build/fuzz/$target.log 与 build/fuzz/crashes/" >&2
    tail -40 build/fuzz/$target.log >&2
    return 1
  fi
  echo "fuzz_$target（${seconds} 秒）：$(grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' \
    build/fuzz/$target.log | tr '\n' ' ')"
}

mkdir -p build/fuzz/crashes
status=0
pids=()
for target in "${targets[@]}"; do
  fuzz_one "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$parallel" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
