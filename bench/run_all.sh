#!/usr/bin/env bash
# Every scenario of docs/performance.md, one after the other, in about 15 minutes: the
# summaries go to standard output (the progress of each run to standard error).
# Usage: bench/run_all.sh [> results.md]
set -euo pipefail
here=$(dirname "${BASH_SOURCE[0]}")
started=$SECONDS
echo "# Huixing benchmarks — $(date -u +%Y-%m-%dT%H:%MZ), $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo 'no git')"
"$here/public_reads.sh"
"$here/rush.sh"
"$here/rating.sh"
"$here/national.sh"
"$here/plaques.sh"
"$here/start_size.sh"
"$here/rating_http.sh"
"$here/platform.sh"
echo
echo "all scenarios: $((SECONDS - started)) s"
