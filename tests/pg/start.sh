#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 cluster for the tests and prints its directory on stdout.
#   dir=$(tests/pg/start.sh) && export HUIXING_TEST_PG_URL=$(cat "$dir/url") ... tests/pg/stop.sh "$dir"
# initdb --data-checksums in a fresh temporary directory, listening on 127.0.0.1 on a free port,
# its unix socket in the same directory, trust authentication for the one local user `huixing`
# (loopback only: nothing else can reach it). PostgreSQL refuses to run as root, so under root
# the cluster belongs to the unprivileged system user `postgres` (Debian's postgresql-15).
# fsync and synchronous_commit stay on: the store refuses a database without them.
set -euo pipefail
bin=${HUIXING_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bin/initdb" ]; then
  echo "找不到 PostgreSQL 15（$bin/initdb），请安装 postgresql-15" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/hx-pg.XXXXXX")
chmod 755 "$dir"
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" --data-checksums -U huixing -A trust \
  -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c shared_buffers=64MB" \
  start >/dev/null || {
  cat "$dir/server.log" >&2
  exit 1
}
"${as_owner[@]}" "$bin/psql" -h "$dir" -p "$port" -U huixing -d postgres -qAt \
  -c "CREATE DATABASE huixing_test" >/dev/null
echo "postgresql://huixing@127.0.0.1:$port/huixing_test" >"$dir/url"
echo "$dir"
