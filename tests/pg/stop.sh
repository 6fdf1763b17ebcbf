#!/usr/bin/env bash
# Stops the cluster tests/pg/start.sh started in DIR and removes DIR.
set -euo pipefail
dir=${1:?usage: tests/pg/stop.sh DIR}
bin=${HUIXING_PG_BIN:-/usr/lib/postgresql/15/bin}
case "$dir" in
  */hx-pg.*) ;;
  *) echo "不是 tests/pg/start.sh 创建的目录：$dir" >&2; exit 1 ;;
esac
as_owner=()
[ "$(id -u)" = 0 ] && as_owner=(runuser -u postgres --)
if [ -f "$dir/data/postmaster.pid" ]; then
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
fi
rm -rf "$dir"
